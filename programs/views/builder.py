"""The therapist's program builder: start, edit, publish and revise a care episode's home program."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView

from clinic.choices import AccessAction, AccessOutcome, RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.mixins import LoggedReadMixin, ServiceActionView, ServiceFormMixin, TherapistRequiredMixin
from patients.rules.plans import relaxation_first_warnings
from patients.selectors.record import latest_pelvic_floor_class, latest_perfect
from patients.views.mixins import EpisodeChildMixin
from programs.choices import ProgramSource, ProgramStatus
from programs.forms import AddExercisesForm, ItemFormSet, ProgramCreateForm, ProgramDetailsForm, add_dosage_error
from programs.models import Exercise, HomeProgram, ProgramTemplate
from programs.rules import dosage_errors, dosage_from_perfect, is_strengthening
from programs.services.programs import (
    DosageError,
    move_item,
    program_add_exercises,
    program_create,
    program_create_from_perfect,
    program_publish,
    program_revise,
    program_save_draft,
)


def program_warnings(program, items):
    """Return the safety warnings the builder shows for a program annotated with its episode_classification."""
    warnings = [
        warning.message
        for warning in relaxation_first_warnings(
            pelvic_floor_class=program.episode_classification,
            strengthening_exercises=[
                item.exercise.title
                for item in items
                if is_strengthening(item.exercise.kind, item.exercise.contraindications)
            ],
        )
    ]
    for item in items:
        for error in dosage_errors(
            kind=item.exercise.kind, hold_seconds=item.hold_seconds, relax_seconds=item.relax_seconds
        ):
            warnings.append(f"{item.exercise.title}: {error}")
    return warnings


def move_requested(request, items, *, acting_user):
    """Move the item named by the pressed Up/Down button ("<pk>:up" or "<pk>:down"); return it, if any."""
    pk, _sep, direction = request.POST.get("move", "").partition(":")
    item = items.filter(pk=pk).first() if pk.isdigit() and direction in ("up", "down") else None
    if item:
        move_item(item=item, siblings=items, step=-1 if direction == "up" else 1, acting_user=acting_user)
    return item


class ProgramMixin(TherapistRequiredMixin):
    """A page of one home program, found through the user's scope; every look and change is logged."""

    log_part = RecordPart.HOME_PROGRAM

    def get_queryset(self):
        return HomeProgram.objects.for_user(self.request.user).select_related("episode__patient")

    def get_log_patient(self):
        program = getattr(self, "object", None)
        return program.episode.patient if program is not None else None


class DraftMixin(ProgramMixin):
    """A page that changes a draft; a published version is changed by revising it."""

    def get_queryset(self):
        return super().get_queryset().filter(status=ProgramStatus.DRAFT)


class ProgramCreateView(OnceOnlyFormMixin, EpisodeChildMixin, ServiceFormMixin, FormView):
    """Start a program for an episode from a template, from library exercises or from the PERFECT findings."""

    form_class = ProgramCreateForm
    template_name = "programs/program_create.html"
    log_part = RecordPart.HOME_PROGRAM

    @cached_property
    def perfect(self):
        return latest_perfect(self.episode)

    def get_initial(self):
        if self.perfect is None:
            return super().get_initial()
        return {**super().get_initial(), "source": ProgramSource.PERFECT, **self.perfect}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "templates": ProgramTemplate.objects.for_user(self.request.user),
            "exercises": Exercise.objects.for_user(self.request.user).by_title(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(perfect=self.perfect, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        common = {
            "episode": self.episode,
            "acting_user": self.request.user,
            "title": data["title"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
        }
        if data["source"] == ProgramSource.PERFECT:
            program = program_create_from_perfect(perfect=form.perfect(), exercises=data["exercises"], **common)
            if not dosage_from_perfect(**form.perfect()).can_contract:
                messages.warning(
                    self.request,
                    _("No voluntary contraction (power 0): the exercises keep their default dosage for now."),
                )
            return program
        if data["source"] == ProgramSource.TEMPLATE:
            return program_create(template=data["template"], **common)
        return program_create(exercises=data["exercises"], **common)

    def get_success_url(self):
        return reverse("programs:program_edit", args=[self.object.pk])


class ProgramPreviewView(ProgramMixin, LoggedReadMixin, DetailView):
    """The program as the patient's printed sheet and PDF show it, so the therapist reads what the patient will read."""

    template_name = "programs/program_preview.html"
    read_detail = "preview as the patient sees it"

    def get_queryset(self):
        return super().get_queryset().select_related("episode__therapist").prefetch_related("items__exercise")

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview_programs=[self.object], **kwargs)


class ProgramDetailView(ProgramMixin, LoggedReadMixin, DetailView):
    """Any version of a program, read-only: old versions stay readable."""

    template_name = "programs/program_detail.html"

    def get_queryset(self):
        return super().get_queryset().annotate(episode_classification=latest_pelvic_floor_class(OuterRef("episode")))

    def get_context_data(self, **kwargs):
        items = list(self.object.items.select_related("exercise"))
        versions = self.object.episode.programs.only("pk", "version", "status", "published_at", "created_at", "ends_on")
        return super().get_context_data(
            items=items, versions=versions, warnings=program_warnings(self.object, items), **kwargs
        )


class ProgramBuilderView(DraftMixin, DetailView):
    """Edit a draft: title, dates, message, each item's dosage and note, their order; add exercises."""

    template_name = "programs/program_builder.html"

    def get_queryset(self):
        return super().get_queryset().annotate(episode_classification=latest_pelvic_floor_class(OuterRef("episode")))

    def forms(self, data=None):
        return (
            ProgramDetailsForm(data, instance=self.object),
            ItemFormSet(data, instance=self.object, queryset=self.object.items.select_related("exercise")),
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.log(AccessAction.READ)
        return self.render(*self.forms())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        details, formset = self.forms(request.POST)
        if details.is_valid() and formset.is_valid():
            try:
                program_save_draft(
                    program=details.instance,
                    changed_items=formset.save(commit=False),
                    deleted_items=formset.deleted_objects,
                    acting_user=request.user,
                )
            except DosageError as error:
                add_dosage_error(formset, error)
                self.log(AccessAction.UPDATE, outcome=AccessOutcome.FAILED)
                return self.render(details, formset)
            self.log(AccessAction.UPDATE)
            moved = move_requested(request, self.object.items, acting_user=request.user)
            if moved:
                return redirect(f"{reverse('programs:program_edit', args=[self.object.pk])}#item-{moved.pk}")
            messages.success(request, _("The draft is saved."))
            return redirect("programs:program_edit", pk=self.object.pk)
        return self.render(details, formset)

    def render(self, details, formset):
        items = [form.instance for form in formset.forms]
        return self.render_to_response(
            self.get_context_data(
                form=details,
                formset=formset,
                add_form=AddExercisesForm(exercises=Exercise.objects.for_user(self.request.user).by_title()),
                warnings=program_warnings(self.object, items),
            )
        )


class ProgramAddExercisesView(DraftMixin, ServiceActionView):
    """Add library exercises to a draft with their default dosage (POST only)."""

    log_detail = "added exercises"

    def perform(self):
        form = AddExercisesForm(self.request.POST, exercises=Exercise.objects.for_user(self.request.user))
        if not form.is_valid():
            raise ValidationError(_("Choose at least one exercise to add."))
        program_add_exercises(
            program=self.object, exercises=form.cleaned_data["exercises"], acting_user=self.request.user
        )
        return ""

    def get_success_url(self):
        return reverse("programs:program_edit", args=[self.object.pk])


class ProgramPublishView(DraftMixin, ServiceActionView):
    """Make the draft the patient's current program (POST only)."""

    log_detail = "published"

    def perform(self):
        program_publish(program=self.object, acting_user=self.request.user)
        return _("The program is now the patient's current program.")

    def get_success_url(self):
        if self.object.is_draft:
            return reverse("programs:program_edit", args=[self.object.pk])
        return reverse("programs:program_detail", args=[self.object.pk])


class ProgramReviseView(ProgramMixin, ServiceActionView):
    """Start a new draft version from a published one (POST only); the published one stays readable."""

    log_action = AccessAction.CREATE

    def perform(self):
        self.revision = program_revise(program=self.object, acting_user=self.request.user)
        self.log_detail = f"revision of version {self.object.version}"
        return ""

    def get_success_url(self):
        return reverse("programs:program_edit", args=[self.revision.pk])
