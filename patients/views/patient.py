"""The patient list, the patient page, and creating, changing and archiving patients."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.pagination import UncountedPaginator
from clinic.views.mixins import (
    FilteredListMixin,
    LoggedReadMixin,
    ServiceActionView,
    ServiceFormMixin,
    TherapistRequiredMixin,
)
from patients import services
from patients.choices import EpisodeStatus
from patients.extensions import panels_for, patient_panels
from patients.filters import PatientFilter
from patients.forms.patient import PatientForm
from patients.models import CareEpisode, Patient
from patients.rules.record import RETENTION_YEARS, kept_until, red_flag_blocks_treatment
from patients.selectors.record import TIMELINE_LATEST, next_appointments, patient_timeline

# A subquery rather than a join and GROUP BY: the database counts only for the page of patients shown.
OPEN_EPISODES = Coalesce(
    Subquery(
        CareEpisode.objects.filter(patient=OuterRef("pk"))
        .exclude(status=EpisodeStatus.DISCHARGED)
        .order_by()
        .values("patient")
        .annotate(count=Count("pk"))
        .values("count")
    ),
    0,
)


# What a row of the patient list shows: loading the other columns (address, GP, referral) of the
# patients and their therapists took a quarter of the page's query and model time.
LIST_COLUMNS = [
    "first_name",
    "last_name",
    "date_of_birth",
    "archived_at",
    "responsible_therapist__first_name",
    "responsible_therapist__last_name",
    "responsible_therapist__email",
]


class PatientScopeMixin(TherapistRequiredMixin):
    model = Patient

    def get_queryset(self):
        return Patient.objects.for_user(self.request.user).select_related("responsible_therapist", "user")

    def get_log_patient(self):
        return self.object

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "practice": self.request.user.practice}


class PatientListView(TherapistRequiredMixin, FilteredListMixin, ListView):
    """Find a patient by name, date of birth or BSN; filter by therapist and episode status."""

    template_name = "patients/patient_list.html"
    paginate_by = 25
    # A practice's thousands of patients, or a common name's hundreds, are not counted on every view.
    paginator_class = UncountedPaginator

    filterset_class = PatientFilter

    def get_filterset_kwargs(self):
        return {"practice": self.request.user.practice}

    def get_queryset(self):
        patients = Patient.objects.for_user(self.request.user).select_related("responsible_therapist")
        return (
            self.filtered(patients)
            .only(*LIST_COLUMNS)
            .annotate(open_episodes=OPEN_EPISODES)
            .order_by("sort_name", "pk")
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        searched = self.filterset.is_search()
        record_access(
            request,
            action=AccessAction.SEARCH if searched else AccessAction.READ,
            part=RecordPart.PATIENT_LIST,
            detail=request.GET.urlencode() if searched else "",
        )
        return response


class PatientDetailView(PatientScopeMixin, LoggedReadMixin, DetailView):
    """The whole record of one patient, with a timeline."""

    log_part = RecordPart.PATIENT

    def get_context_data(self, **kwargs):
        patient = self.object
        user = self.request.user
        episodes = list(patient.episodes.select_related("therapist", "screening", "plan"))
        consents = list(patient.consents.select_related("recorded_by"))
        archived_on = timezone.localdate(patient.archived_at) if patient.archived_at else None
        whole_timeline = self.request.GET.get("timeline") == "all"
        timeline, timeline_cut = patient_timeline(
            patient, episodes=episodes, consents=consents, latest=None if whole_timeline else TIMELINE_LATEST
        )
        return super().get_context_data(
            episodes=[
                (episode, red_flag_blocks_treatment(getattr(episode, "screening", None))) for episode in episodes
            ],
            kept_until=kept_until(archived_on=archived_on, episodes=episodes),
            retention_years=RETENTION_YEARS,
            open_episodes=[episode for episode in episodes if episode.is_open],
            consents=consents,
            timeline=timeline,
            timeline_cut=timeline_cut,
            timeline_latest=TIMELINE_LATEST,
            next_appointments=next_appointments(user, episode__patient=patient),
            panels=panels_for(patient_panels, user, patient),
            **kwargs,
        )


class PatientCreateView(OnceOnlyFormMixin, PatientScopeMixin, ServiceFormMixin, CreateView):
    page_title = gettext_lazy("New patient")
    form_class = PatientForm
    log_part = RecordPart.PATIENT
    success_message = gettext_lazy("The patient has been registered.")

    def get_initial(self):
        return {"responsible_therapist": self.request.user}

    def perform(self, form):
        return services.patient_create(
            practice=self.request.user.practice, acting_user=self.request.user, fields=form.cleaned_data
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class PatientUpdateView(PatientScopeMixin, ServiceFormMixin, UpdateView):
    page_title = gettext_lazy("Edit patient details")
    form_class = PatientForm
    log_part = RecordPart.PATIENT
    log_action = AccessAction.UPDATE
    success_message = gettext_lazy("The patient's details have been saved.")

    def perform(self, form):
        return services.patient_update(patient=self.object, acting_user=self.request.user, fields=form.cleaned_data)

    def get_success_url(self):
        return self.object.get_absolute_url()


class PatientActionView(PatientScopeMixin, ServiceActionView):
    """A button on the patient page (POST only) that a service carries out."""


class PatientArchiveView(PatientActionView):
    archived = True
    log_part = RecordPart.PATIENT

    def perform(self):
        services.patient_archive(patient=self.object, archived=self.archived, acting_user=self.request.user)
        if self.archived:
            return _("%(name)s has been archived. The record is kept.") % {"name": self.object}
        return _("%(name)s is an active patient again.") % {"name": self.object}


class PatientInviteView(PatientActionView):
    log_part = RecordPart.PATIENT_ACCOUNT
    log_action = AccessAction.CREATE

    def perform(self):
        account = services.patient_invite_account(
            patient=self.object, base_url=self.request.build_absolute_uri("/"), acting_user=self.request.user
        )
        return _("An account has been created. %(email)s has been e-mailed a link to choose a password.") % {
            "email": account.email
        }
