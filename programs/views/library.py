"""The exercise library and the practice's program templates (staff pages)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from clinic.byte_ranges import file_response
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.mixins import (
    FilteredListMixin,
    PagedListMixin,
    PracticeAdminRequiredMixin,
    StaffRequiredMixin,
    add_service_error,
)
from programs.filters import ExerciseFilter
from programs.forms import AddExercisesForm, ExerciseForm, TemplateForm, TemplateItemFormSet, add_dosage_error
from programs.models import Exercise, ProgramTemplate, TemplateItem
from programs.models.library import file_type
from programs.services.library import exercise_save, template_add_exercises, template_save
from programs.services.programs import DosageError
from programs.views.builder import move_requested


class ExerciseListView(StaffRequiredMixin, FilteredListMixin, ListView):
    """The built-in library and the practice's own exercises, filtered by kind or words."""

    template_name = "programs/exercise_list.html"
    paginate_by = 30
    filterset_class = ExerciseFilter

    def get_queryset(self):
        return self.filtered(Exercise.objects.for_user(self.request.user)).by_title()


class ExerciseDetailView(StaffRequiredMixin, DetailView):
    template_name = "programs/exercise_detail.html"

    def get_queryset(self):
        return Exercise.objects.for_user(self.request.user)


def exercise_file_response(request, exercise, field):
    """Send an exercise's own picture or video (`field`), typed by its first bytes; 404 when it has none.

    A byte range is answered on its own, so a phone can seek in a video and Safari plays it.
    """
    stored = getattr(exercise, field)
    if not stored:
        raise Http404
    try:
        size = stored.size
        handle = stored.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    head = handle.read(16)
    handle.seek(0)
    response = file_response(request, handle, size=size, content_type=file_type(head) or "application/octet-stream")
    # Never kept by a shared cache: a practice's own material, behind a login.
    response["Cache-Control"] = "private, max-age=3600"
    return response


class ExerciseMediaView(StaffRequiredMixin, View):
    """A library exercise's own picture or video, for the staff of its practice."""

    field = "picture"

    def get(self, request, pk):
        exercise = get_object_or_404(Exercise.objects.for_user(request.user), pk=pk)
        return exercise_file_response(request, exercise, self.field)


class ExerciseFormMixin(StaffRequiredMixin):
    form_class = ExerciseForm
    template_name = "programs/exercise_form.html"

    def form_valid(self, form):
        try:
            self.object = exercise_save(exercise=form.instance, acting_user=self.request.user)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The exercise is saved."))
        return HttpResponseRedirect(reverse("programs:exercise_detail", args=[self.object.pk]))


class ExerciseCreateView(OnceOnlyFormMixin, ExerciseFormMixin, CreateView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Exercise(practice=self.request.user.practice, created_by=self.request.user)
        return kwargs


class ExerciseUpdateView(ExerciseFormMixin, UpdateView):
    """Change a practice-own exercise; built-in ones are not found here (404)."""

    def get_queryset(self):
        return Exercise.objects.editable_by(self.request.user)


class TemplateAdminMixin(PracticeAdminRequiredMixin):
    def get_queryset(self):
        return ProgramTemplate.objects.for_user(self.request.user)


class TemplateListView(TemplateAdminMixin, PagedListMixin, ListView):
    template_name = "programs/template_list.html"
    paginate_by = 25

    def get_queryset(self):
        return super().get_queryset().annotate_item_count().order_by("condition", "name", "pk")


class TemplateCreateView(OnceOnlyFormMixin, TemplateAdminMixin, CreateView):
    form_class = TemplateForm
    template_name = "programs/template_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = ProgramTemplate(practice=self.request.user.practice)
        return kwargs

    def form_valid(self, form):
        self.object = template_save(template=form.instance, acting_user=self.request.user)
        return HttpResponseRedirect(reverse("programs:template_update", args=[self.object.pk]))


class TemplateUpdateView(TemplateAdminMixin, UpdateView):
    """Edit a template: its name, its items' dosage and order, and add library exercises."""

    form_class = TemplateForm
    template_name = "programs/template_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.get_formset())
        context["add_form"] = AddExercisesForm(exercises=Exercise.objects.for_user(self.request.user).by_title())
        return context

    def get_formset(self):
        return TemplateItemFormSet(
            self.request.POST or None,
            instance=self.object,
            queryset=TemplateItem.objects.filter(template=self.object).select_related("exercise"),
        )

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form, formset = self.get_form(), self.get_formset()
        if form.is_valid() and formset.is_valid():
            try:
                template_save(
                    template=form.instance,
                    acting_user=request.user,
                    changed_items=formset.save(commit=False),
                    deleted_items=formset.deleted_objects,
                )
            except DosageError as error:
                add_dosage_error(formset, error)
                return self.render_to_response(self.get_context_data(form=form, formset=formset))
            moved = move_requested(request, self.object.items, acting_user=request.user)
            if moved:
                return redirect(f"{reverse('programs:template_update', args=[self.object.pk])}#item-{moved.pk}")
            messages.success(request, _("The template is saved."))
            return redirect("programs:template_update", pk=self.object.pk)
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class TemplateAddExercisesView(TemplateAdminMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        template = get_object_or_404(self.get_queryset(), pk=pk)
        form = AddExercisesForm(request.POST, exercises=Exercise.objects.for_user(request.user))
        if form.is_valid():
            template_add_exercises(
                template=template, exercises=form.cleaned_data["exercises"], acting_user=request.user
            )
        else:
            messages.error(request, _("Choose at least one exercise to add."))
        return redirect("programs:template_update", pk=template.pk)
