"""Red-flag screening, intake and consent pages of a care episode or patient."""

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, UpdateView

from clinic.choices import AccessAction, RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.auth import next_path
from clinic.views.mixins import ServiceActionView, ServiceFormMixin, TherapistRequiredMixin
from patients import services
from patients.choices import ConsentKind
from patients.forms.screening import BIRTH_FIELDS, BirthFormSet, ConsentForm, IntakeForm, ScreeningForm
from patients.models import Consent
from patients.views.mixins import EpisodeChildMixin, PatientChildMixin


class EpisodeOneToOneFormView(EpisodeChildMixin, ServiceFormMixin, UpdateView):
    """Record or correct the one screening or intake of an episode on the same page."""

    def get_object(self, queryset=None):
        return getattr(self.episode, self.related_name, None)

    @property
    def log_action(self):
        return AccessAction.UPDATE if self.get_object() else AccessAction.CREATE


class ScreeningView(EpisodeOneToOneFormView):
    page_title = gettext_lazy("Red-flag screening")
    form_class = ScreeningForm
    template_name = "patients/screening_form.html"
    related_name = "screening"
    log_part = RecordPart.SCREENING
    success_message = gettext_lazy("The red-flag screening has been saved.")

    def get_initial(self):
        return {"screened_on": timezone.localdate()}

    def form_valid(self, form):
        """Show the red flags found for a second look before they are recorded (one slip records a flag)."""
        if form.needs_confirmation():
            context = self.get_context_data(form=form, red_flags_to_confirm=form.red_flags_found())
            return self.render_to_response(context)
        return super().form_valid(form)

    def perform(self, form):
        return services.screening_save(episode=self.episode, acting_user=self.request.user, fields=form.cleaned_data)


class IntakeView(EpisodeOneToOneFormView):
    page_title = gettext_lazy("Intake")
    form_class = IntakeForm
    template_name = "patients/intake_form.html"
    related_name = "intake"
    log_part = RecordPart.INTAKE
    success_message = gettext_lazy("The intake has been saved.")

    def get_initial(self):
        return {"taken_on": timezone.localdate()}

    @cached_property
    def births(self):
        data = self.request.POST if self.request.method == "POST" else None
        return BirthFormSet(data, instance=self.object, prefix="births")

    def get_context_data(self, **kwargs):
        return super().get_context_data(births=self.births, **kwargs)

    def form_valid(self, form):
        if not self.births.is_valid():
            return self.form_invalid(form)
        return super().form_valid(form)

    def perform(self, form):
        kept, removed = [], []
        for birth_form in self.births.forms:
            if not birth_form.cleaned_data:
                continue
            if birth_form.cleaned_data.get("DELETE"):
                if birth_form.instance.pk:
                    removed.append(birth_form.instance)
                continue
            data = {name: birth_form.cleaned_data[name] for name in BIRTH_FIELDS}
            kept.append({"id": birth_form.instance if birth_form.instance.pk else None, **data})
        return services.intake_save(
            episode=self.episode,
            births=kept,
            removed_births=removed,
            acting_user=self.request.user,
            fields=form.cleaned_data,
        )


class ConsentCreateView(OnceOnlyFormMixin, PatientChildMixin, ServiceFormMixin, CreateView):
    model = Consent
    page_title = gettext_lazy("Record consent")
    form_class = ConsentForm
    log_part = RecordPart.CONSENT
    success_message = gettext_lazy("The consent has been recorded.")

    def get_initial(self):
        initial = {"given_by": str(self.patient), "given_at": timezone.localtime().replace(second=0, microsecond=0)}
        if self.request.GET.get("kind") in ConsentKind.values:
            initial["kind"] = self.request.GET["kind"]
        return initial

    def perform(self, form):
        return services.consent_record(patient=self.patient, acting_user=self.request.user, fields=form.cleaned_data)

    def get_success_url(self):
        """Return to the page the consent was asked from (a letter waits for it), else to the patient's consents."""
        if next_url := next_path(self.request):
            return next_url
        episode_pk = self.request.GET.get("episode", "")
        episode = self.patient.episodes.filter(pk=episode_pk).first() if episode_pk.isdigit() else None
        return episode.get_absolute_url() if episode else self.patient.get_absolute_url() + "#consents"


class ConsentWithdrawView(TherapistRequiredMixin, ServiceActionView):
    """Record that a consent was withdrawn (POST only)."""

    log_part = RecordPart.CONSENT

    def get_queryset(self):
        return Consent.objects.for_user(self.request.user).select_related("patient")

    def perform(self):
        services.consent_withdraw(consent=self.object, acting_user=self.request.user)
        return _("The withdrawal of the consent has been recorded.")

    def get_success_url(self):
        return self.object.patient.get_absolute_url() + "#consents"
