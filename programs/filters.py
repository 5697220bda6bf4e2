"""The exercise library's filters (django-filter), applied to the library the view has scoped with for_user."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clinic.filters import text_filter
from programs.choices import ExerciseKind


class ExerciseFilter(django_filters.FilterSet):
    q = text_filter(_("Search"), "filter_words")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ExerciseKind.choices, empty_label=_("All kinds"))

    def filter_words(self, queryset, name, text):
        for word in text.split():
            queryset = queryset.filter(Q(title_nl__icontains=word) | Q(title_en__icontains=word))
        return queryset
