"""Questionnaires from the therapist's side (sending one or setting up a schedule, reading the answers,
withdrawing, stopping a schedule) and the practice admin's (adding, revising, official wording)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView

from clinic.choices import AccessAction, RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.mixins import (
    LoggedReadMixin,
    PagedListMixin,
    PracticeAdminRequiredMixin,
    ServiceActionView,
    ServiceFormMixin,
    TherapistRequiredMixin,
    add_service_error,
)
from patients.forms.questionnaires import (
    OfficialWordingForm,
    QuestionnaireItemFormSet,
    QuestionnaireScheduleForm,
    QuestionnaireSendForm,
    QuestionnaireVersionForm,
    definition_initial,
)
from patients.models import (
    Questionnaire,
    QuestionnaireAssignment,
    QuestionnaireItem,
    QuestionnaireSchedule,
    QuestionnaireVersion,
)
from patients.selectors.questionnaires import answer_rows
from patients.selectors.record import practice_mids
from patients.services import questionnaires as services
from patients.views.mixins import EpisodeChildMixin


class EpisodeQuestionnaireFormView(OnceOnlyFormMixin, EpisodeChildMixin, ServiceFormMixin, CreateView):
    """A form of the episode's questionnaires: its choices are the practice's, it returns to their section."""

    log_part = RecordPart.MEASURES

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        return self.episode.get_absolute_url() + "#questionnaires"


class QuestionnaireSendView(EpisodeQuestionnaireFormView):
    """Send a questionnaire to the episode's patient, to fill in at home before a due date."""

    template_name = "patients/questionnaire_send.html"
    form_class = QuestionnaireSendForm
    page_title = _("Send a questionnaire")
    success_message = _("The questionnaire has been sent. The patient finds it on the start page of the portal.")

    def perform(self, form):
        return services.questionnaire_send(
            episode=self.episode,
            version=form.cleaned_data["version"],
            due_on=form.cleaned_data["due_on"],
            acting_user=self.request.user,
        )


class QuestionnaireScheduleCreateView(EpisodeQuestionnaireFormView):
    """Set up a schedule that sends one questionnaire at the moments chosen, for as long as the episode runs."""

    template_name = "patients/questionnaire_schedule.html"
    form_class = QuestionnaireScheduleForm
    page_title = _("Schedule a questionnaire")
    success_message = _("The schedule has been set up; what is due today has been sent.")

    def perform(self, form):
        moments = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "version"}
        return services.schedule_create(
            episode=self.episode, version=form.cleaned_data["version"], acting_user=self.request.user, **moments
        )


class QuestionnaireScheduleStopView(TherapistRequiredMixin, ServiceActionView):
    """Stop a schedule; the questionnaires it sent stay."""

    log_part = RecordPart.MEASURES

    def get_queryset(self):
        return QuestionnaireSchedule.objects.for_user(self.request.user).select_related("episode__patient", "version")

    def get_log_patient(self):
        found = getattr(self, "object", None)
        return found.episode.patient if found is not None else None

    def perform(self):
        services.schedule_stop(schedule=self.object, acting_user=self.request.user)
        return _("The schedule has been stopped; nothing more is sent by it.")


class AssignmentScopeMixin(TherapistRequiredMixin):
    log_part = RecordPart.MEASURES

    def get_queryset(self):
        return QuestionnaireAssignment.objects.for_user(self.request.user).select_related("episode__patient", "version")

    def get_log_patient(self):
        found = getattr(self, "object", None)
        return found.episode.patient if found is not None else None


class AssignmentDetailView(AssignmentScopeMixin, LoggedReadMixin, DetailView):
    """The answers the patient gave, question by question, with the score and any warning."""

    template_name = "patients/questionnaire_answers.html"
    context_object_name = "assignment"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            episode=self.object.episode,
            patient=self.object.episode.patient,
            rows=answer_rows(self.object),
            **kwargs,
        )


class AssignmentWithdrawView(AssignmentScopeMixin, ServiceActionView):
    """Take back a questionnaire the patient has not submitted."""

    log_action = AccessAction.UPDATE

    def perform(self):
        services.assignment_withdraw(assignment=self.object, acting_user=self.request.user)
        return _("The questionnaire has been withdrawn.")

    def get_success_url(self):
        return self.object.episode.get_absolute_url() + "#questionnaires"


# --- the practice admin's questionnaires ---------------------------------------------------------


class QuestionnaireListView(PracticeAdminRequiredMixin, PagedListMixin, ListView):
    """The questionnaires the practice can send, built-in and its own, with their current version."""

    template_name = "patients/questionnaire_list.html"
    context_object_name = "versions"
    paginate_by = 25

    def get_queryset(self):
        official = QuestionnaireItem.objects.filter(version=OuterRef("pk")).exclude(
            official_text_nl="", official_text_en=""
        )
        return (
            QuestionnaireVersion.objects.for_user(self.request.user)
            .current()
            .select_related("questionnaire")
            .annotate(official=Exists(official))
            .order_by("questionnaire__practice", "questionnaire__code")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(mids=practice_mids(self.request.user.practice_id), **kwargs)


class DefinitionEditorMixin(PracticeAdminRequiredMixin):
    """The editor of a practice's own questionnaire: the questionnaire form and one row per question."""

    template_name = "patients/questionnaire_form.html"
    with_code = False

    def initial_definition(self):
        return None

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        initial = definition_initial(self.initial_definition())[0] if self.initial_definition() else {}
        return QuestionnaireVersionForm(data, with_code=self.with_code, initial=initial)

    def get_formset(self):
        data = self.request.POST if self.request.method == "POST" else None
        items = definition_initial(self.initial_definition())[1] if self.initial_definition() else []
        return QuestionnaireItemFormSet(data, initial=items, prefix="items")

    def render(self, form, formset):
        context = {"form": form, "formset": formset, "page_title": self.page_title, "view": self}
        return render(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        return self.render(self.get_form(), self.get_formset())

    def post(self, request, *args, **kwargs):
        form, formset = self.get_form(), self.get_formset()
        form_ok, formset_ok = form.is_valid(), formset.is_valid()
        return self.form_valid(form, formset) if form_ok and formset_ok else self.form_invalid(form, formset)

    def form_valid(self, form, formset):
        definition = {"version": form.version_fields(), "items": formset.definition_items()}
        try:
            version = self.perform(form, definition)
        except ValidationError as error:
            add_service_error(form, error)
            return self.render(form, formset)
        messages.success(self.request, self.success_message % {"title": version.title, "number": version.number})
        return redirect("patients:questionnaire_list")

    def form_invalid(self, form, formset):
        return self.render(form, formset)


class QuestionnaireCreateView(OnceOnlyFormMixin, DefinitionEditorMixin, View):
    """The practice admin adds a questionnaire of the practice's own, typed in Dutch and English."""

    page_title = _("Add a questionnaire")
    success_message = _("“%(title)s” is added (version %(number)s); therapists can now send it.")
    with_code = True

    def perform(self, form, definition):
        return services.questionnaire_create(
            code=form.cleaned_data["code"], definition=definition, acting_user=self.request.user
        )


class OwnQuestionnaireMixin(PracticeAdminRequiredMixin):
    @cached_property
    def questionnaire(self):
        """Return the questionnaire of the URL the admin may change; another practice's is 404."""
        return get_object_or_404(self.scope(), pk=self.kwargs["pk"])

    @cached_property
    def current(self):
        return self.questionnaire.versions.order_by("-number").first()


class QuestionnaireReviseView(OwnQuestionnaireMixin, DefinitionEditorMixin, View):
    """Change a practice's own questionnaire: saved as a new version, answers given keep the version they had."""

    success_message = _("“%(title)s” is saved as version %(number)s; answers already given keep their version.")

    def scope(self):
        return Questionnaire.objects.editable_by(self.request.user).filter(
            practice_id=self.request.user.practice_id, measure_kind=""
        )

    @property
    def page_title(self):
        return _("Change “%(title)s”") % {"title": self.current.title}

    def initial_definition(self):
        return services.version_definition(self.current)

    def perform(self, form, definition):
        kept = services.version_definition(self.current)
        # Official wording typed earlier stays with the question of the same code.
        official = {item["code"]: item for item in kept["items"]}
        for item in definition["items"]:
            earlier = official.get(item["code"])
            if earlier:
                item["official_text_nl"], item["official_text_en"] = (
                    earlier["official_text_nl"],
                    earlier["official_text_en"],
                )
        return services.version_revise(version=self.current, definition=definition, acting_user=self.request.user)


class QuestionnaireWordingView(OwnQuestionnaireMixin, FormView):
    """Enter the official wording of a licensed questionnaire under the practice's licence, as a new version."""

    template_name = "patients/questionnaire_wording.html"
    form_class = OfficialWordingForm

    def scope(self):
        return Questionnaire.objects.editable_by(self.request.user).filter(licensed=True)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "definition": services.version_definition(self.current)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(questionnaire=self.questionnaire, version=self.current, **kwargs)

    def form_valid(self, form):
        try:
            version = services.version_revise(
                version=self.current, definition=form.worded_definition(), acting_user=self.request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The official wording is saved as version %(number)s; answers already given keep their wording.")
            % {"number": version.number},
        )
        return redirect("patients:questionnaire_list")
