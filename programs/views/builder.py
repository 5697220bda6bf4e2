"""The therapist's program builder: start, edit, publish and revise a care episode's home program."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView

from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart, Role
from clinic.permissions import RoleRequiredMixin
from patients.models import CareEpisode
from patients.rules.plans import relaxation_first_warnings
from programs.choices import ProgramSource
from programs.forms import AddExercisesForm, ItemFormSet, ProgramCreateForm, ProgramDetailsForm
from programs.models import Exercise, HomeProgram, ProgramTemplate
from programs.record import latest_perfect, with_episode_classification
from programs.rules import dosage_errors, dosage_from_perfect, is_strengthening
from programs.services.programs import (
    move_item,
    program_add_exercises,
    program_create,
    program_create_from_perfect,
    program_publish,
    program_revise,
    program_save_draft,
)


def program_warnings(program, items):
    """Return the safety warnings the builder shows for a program read with_episode_classification."""
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


def move_requested(request, items):
    """Move the item named by the pressed Up/Down button ("<pk>:up" or "<pk>:down"); return it, if any."""
    pk, _sep, direction = request.POST.get("move", "").partition(":")
    item = items.filter(pk=pk).first() if pk.isdigit() and direction in ("up", "down") else None
    if item:
        move_item(item=item, siblings=items, step=-1 if direction == "up" else 1)
    return item


class TherapistMixin(RoleRequiredMixin):
    allowed_roles = (Role.THERAPIST,)

    def get_queryset(self):
        return HomeProgram.objects.for_user(self.request.user).select_related("episode__patient")

    def log(self, action, program, detail=""):
        record_access(
            self.request, action=action, part=RecordPart.HOME_PROGRAM, patient=program.episode.patient, detail=detail
        )


class ProgramCreateView(TherapistMixin, FormView):
    """Start a program for an episode from a template or from library exercises."""

    form_class = ProgramCreateForm
    template_name = "programs/program_create.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.role == Role.THERAPIST:
            self.episode = get_object_or_404(
                CareEpisode.objects.for_user(request.user).select_related("patient"), pk=kwargs["episode_pk"]
            )
            self.perfect = latest_perfect(self.episode)
        return super().dispatch(request, *args, **kwargs)

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
        return super().get_context_data(
            episode=self.episode, patient=self.episode.patient, perfect=self.perfect, **kwargs
        )

    def form_valid(self, form):
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
        elif data["source"] == ProgramSource.TEMPLATE:
            program = program_create(template=data["template"], **common)
        else:
            program = program_create(exercises=data["exercises"], **common)
        self.log(AccessAction.CREATE, program)
        return redirect("programs:program_edit", pk=program.pk)


class ProgramDetailView(TherapistMixin, DetailView):
    """Any version of a program, read-only: old versions stay readable."""

    template_name = "programs/program_detail.html"

    def get_queryset(self):
        return with_episode_classification(super().get_queryset())

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        self.log(AccessAction.READ, self.object)
        return response

    def get_context_data(self, **kwargs):
        items = list(self.object.items.select_related("exercise"))
        versions = self.object.episode.programs.only("pk", "version", "status", "published_at", "created_at")
        return super().get_context_data(
            items=items, versions=versions, warnings=program_warnings(self.object, items), **kwargs
        )


class ProgramBuilderView(TherapistMixin, DetailView):
    """Edit a draft: title, dates, message, each item's dosage and note, their order; add exercises."""

    template_name = "programs/program_builder.html"

    def get_queryset(self):
        return with_episode_classification(super().get_queryset().filter(status="draft"))

    def forms(self, data=None):
        return (
            ProgramDetailsForm(data, instance=self.object),
            ItemFormSet(data, instance=self.object, queryset=self.object.items.select_related("exercise")),
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.log(AccessAction.READ, self.object)
        return self.render(*self.forms())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        details, formset = self.forms(request.POST)
        if details.is_valid() and formset.is_valid():
            program_save_draft(
                program=details.instance,
                changed_items=formset.save(commit=False),
                deleted_items=formset.deleted_objects,
                acting_user=request.user,
            )
            self.log(AccessAction.UPDATE, self.object)
            moved = move_requested(request, self.object.items)
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


class DraftActionMixin(TherapistMixin, View):
    http_method_names = ["post"]

    def get_program(self, pk):
        return get_object_or_404(self.get_queryset(), pk=pk)


class ProgramAddExercisesView(DraftActionMixin):
    def post(self, request, pk):
        program = get_object_or_404(self.get_queryset().filter(status="draft"), pk=pk)
        form = AddExercisesForm(request.POST, exercises=Exercise.objects.for_user(request.user))
        if form.is_valid():
            program_add_exercises(program=program, exercises=form.cleaned_data["exercises"], acting_user=request.user)
            self.log(AccessAction.UPDATE, program, detail="added exercises")
        else:
            messages.error(request, _("Choose at least one exercise to add."))
        return redirect("programs:program_edit", pk=program.pk)


class ProgramPublishView(DraftActionMixin):
    def post(self, request, pk):
        program = get_object_or_404(self.get_queryset().filter(status="draft"), pk=pk)
        if not program.items.exists():
            messages.error(request, _("Add at least one exercise before publishing."))
            return redirect("programs:program_edit", pk=program.pk)
        program_publish(program=program, acting_user=request.user)
        self.log(AccessAction.UPDATE, program, detail="published")
        messages.success(request, _("The program is now the patient's current program."))
        return redirect("programs:program_detail", pk=program.pk)


class ProgramReviseView(DraftActionMixin):
    def post(self, request, pk):
        program = self.get_program(pk)
        revision = program_revise(program=program, acting_user=request.user)
        self.log(AccessAction.CREATE, revision, detail=f"revision of version {program.version}")
        return redirect("programs:program_edit", pk=revision.pk)
