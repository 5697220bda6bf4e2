"""The portal's exercise pages: today's exercises with their timer, the week, and the program on paper."""

import datetime
import uuid

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from clinic.kept_forms import hand_on, take_typed
from clinic.pdf import render_pdf
from patients.models import Appointment, QuestionnaireAssignment
from patients.selectors.pain_map import open_pain_map_request
from patients.selectors.record import own_measure_changes
from programs.forms import ExerciseDoneForm
from programs.models import Dosage, Exercise, ExerciseLog, HomeProgram, ProgramItem
from programs.selectors import current_items, sessions_on, week_by_day, week_start
from programs.services.logs import exercise_log_create
from programs.views.library import exercise_file_response
from programs.views.portal.mixins import PortalMixin

# What the home page shows of an item: its dosage and note, the exercise with its timer, the program's message.
ITEM_SHOWS = (
    *Dosage.DOSAGE_FIELDS,
    "note",
    "program__message",
    "exercise__kind",
    "exercise__title_nl",
    "exercise__title_en",
    "exercise__instructions_nl",
    "exercise__instructions_en",
    "exercise__picture",
    "exercise__video",
    "exercise__practice",
    "exercise__code",
    "exercise__alt_nl",
    "exercise__alt_en",
    "exercise__hold_seconds",
    "exercise__relax_seconds",
)
# What programs/_next_appointment.html shows, and no more of the therapist's account than the name.
NEXT_APPOINTMENT_SHOWS = ("starts_at", "kind", "therapist__first_name", "therapist__last_name", "therapist__email")


class PortalHomeView(PortalMixin, TemplateView):
    """The patient's start page: the next appointment, and today's exercises with timer and a done button."""

    template_name = "programs/portal_home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        today = timezone.localdate()
        # Scoped to the login: an account without a patient record simply has no items.
        items = list(
            current_items(user, today)
            .select_related("exercise", "program")
            .only(*ITEM_SHOWS)
            .annotate(done_today=sessions_on(today))
        )
        kept = take_typed(self.request)  # what was typed into one item's form when the session ended
        for item in items:
            initial = {"submission": uuid.uuid4()}
            if kept and kept.get("item") == str(item.pk):
                initial = {name: kept.get(name) for name in ("submission", "difficulty", "pain")}
            item.done_form = ExerciseDoneForm(initial=initial, auto_id=f"item{item.pk}_%s")
        return super().get_context_data(
            items=items,
            today=today,
            questionnaires=QuestionnaireAssignment.objects.for_user(user)
            .answerable()
            .select_related("version")
            .order_by("due_on", "pk"),
            done_count=sum(min(item.done_today, item.times_per_day) for item in items),
            due_count=sum(item.times_per_day for item in items),
            next_appointment=Appointment.objects.for_user(user)
            .upcoming(timezone.now())
            .select_related("therapist")
            .only(*NEXT_APPOINTMENT_SHOWS)
            .order_by("starts_at", "pk")
            .first(),
            pain_map_request=open_pain_map_request(user),
            **kwargs,
        )


class PortalExerciseMediaView(PortalMixin, View):
    """The practice's own picture or video of an exercise that one of the patient's published programs holds."""

    field = "picture"

    def get(self, request, pk):
        held = ProgramItem.objects.for_user(request.user).filter(exercise_id=pk)
        exercise = get_object_or_404(Exercise.objects.filter(pk=pk, pk__in=held.values("exercise_id")))
        return exercise_file_response(request, exercise, self.field)


class ExerciseDoneView(PortalMixin, View):
    """Record that the patient did one session of an item of their own current program."""

    http_method_names = ["get", "post"]

    def get(self, request, pk):
        """Where a login after an ended session comes back to: hand what was typed on to the start page."""
        get_object_or_404(current_items(request.user, timezone.localdate()), pk=pk)
        kept = take_typed(request)
        if kept is not None:
            kept["item"] = str(pk)
            hand_on(request, kept, path=reverse("portal:home"))
        return redirect(f"{reverse('portal:home')}#item-{pk}")

    def post(self, request, pk):
        patient = self.patient
        items = current_items(request.user, timezone.localdate()).select_related("exercise", "program__episode")
        item = get_object_or_404(items, pk=pk)
        form = ExerciseDoneForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("That did not work: pain is a number from 0 to 10."))
            return redirect("portal:home")
        _log, created = exercise_log_create(
            item=item,
            patient=patient,
            acting_user=request.user,
            submission=form.cleaned_data["submission"],
            difficulty=form.cleaned_data["difficulty"] or "",
            pain=form.cleaned_data["pain"],
        )
        if created:
            messages.success(request, _("Well done! “%(title)s” is marked as done.") % {"title": item.exercise.title})
        return redirect(f"{reverse('portal:home')}#item-{item.pk}")


class PortalWeekView(PortalMixin, TemplateView):
    """One week of the patient's own exercises (what was done each day, the adherence %) and how the measures moved."""

    template_name = "programs/portal_week.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        try:
            offset = max(0, min(52, int(self.request.GET.get("weeks_ago", 0))))
        except ValueError:
            offset = 0
        start = week_start(today) - datetime.timedelta(weeks=offset)
        days = [start + datetime.timedelta(days=n) for n in range(7)]
        week, rows = week_by_day(
            HomeProgram.objects.for_user(self.request.user),
            ExerciseLog.objects.for_user(self.request.user),
            days=days,
            today=today,
        )
        return super().get_context_data(
            days=days,
            rows=rows,
            week=week,
            offset=offset,
            today=today,
            start=start,
            measure_changes=own_measure_changes(self.request.user),
            **kwargs,
        )


class ProgramPrintMixin(PortalMixin):
    def get_programs(self):
        return (
            HomeProgram.objects.for_user(self.request.user)
            .current()
            .select_related("episode__therapist", "episode__patient")
            .prefetch_related("items__exercise")
        )

    def print_context(self):
        return {"programs": self.get_programs(), "patient": self.patient, "printed_on": timezone.localdate()}


class PortalPrintView(ProgramPrintMixin, TemplateView):
    """The current program laid out for paper."""

    template_name = "programs/program_print.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.print_context(), **kwargs)


class PortalPdfView(ProgramPrintMixin, View):
    """The current program as a PDF download."""

    def get(self, request):
        html = render_to_string("programs/program_pdf.html", self.print_context(), request=request)
        response = HttpResponse(
            render_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
        )
        filename = _("home-program")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
