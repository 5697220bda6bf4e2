"""The patient list's filters (django-filter), applied to a queryset the view has scoped with for_user."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from clinic.filters import text_filter
from patients.choices import EpisodeStatus
from patients.forms.patient import therapists_of


class PatientFilter(django_filters.FilterSet):
    q = text_filter(_("Search"), "filter_words", help_text=_("Name, date of birth (dd-mm-yyyy) or BSN."))
    therapist = django_filters.ModelChoiceFilter(
        label=_("Therapist"), field_name="responsible_therapist", empty_label=_("All therapists")
    )
    status = django_filters.ChoiceFilter(
        label=_("Episode status"), choices=EpisodeStatus.choices, empty_label=_("Any"), method="filter_status"
    )
    archived = django_filters.BooleanFilter(
        label=_("Show archived patients"), widget=forms.CheckboxInput, method="filter_archived"
    )

    def __init__(self, data, *, practice, **kwargs):
        # Always bound: with no query string the list still leaves the archived patients out.
        super().__init__(data, **kwargs)
        self.filters["therapist"].queryset = therapists_of(practice)

    def filter_words(self, queryset, name, text):
        return queryset.search(text)

    def filter_status(self, queryset, name, status):
        return queryset.filter(episodes__status=status).distinct()

    def filter_archived(self, queryset, name, archived):
        return queryset if archived else queryset.active()

    def is_search(self):
        """Whether the list was narrowed by what the user asked (logged as a search, with its terms)."""
        return self.form.is_valid() and any(self.form.cleaned_data.values())
