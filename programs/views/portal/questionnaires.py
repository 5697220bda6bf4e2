"""The patient answers a questionnaire on the portal: one question a screen, kept as they go, then submitted once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View

from patients.forms.questionnaires import QuestionAnswerForm
from patients.models import QuestionnaireAnswer, QuestionnaireAnswerChoice, QuestionnaireAssignment
from patients.selectors.questionnaires import answer_rows
from patients.services import questionnaires as services
from programs.views.portal.mixins import PortalMixin


class PortalQuestionnaireMixin(PortalMixin):
    @cached_property
    def assignment(self):
        """Return the patient's own questionnaire of the URL; another patient's is 404."""
        found = QuestionnaireAssignment.objects.for_user(self.request.user).select_related(
            "version__questionnaire", "episode"
        )
        return get_object_or_404(found, pk=self.kwargs["pk"])

    def closed(self):
        """Send the patient to the start page when the questionnaire can no longer be answered."""
        if self.assignment.answerable:
            return None
        messages.info(self.request, _("This questionnaire can no longer be answered."))
        return redirect("portal:home")


class PortalQuestionnaireView(PortalQuestionnaireMixin, View):
    """One question a screen (`?q=` its number), large answers to tap, and a last screen to check and submit."""

    template_name = "programs/portal_questionnaire.html"

    @cached_property
    def items(self):
        return list(self.assignment.version.items.all())

    @cached_property
    def answered(self) -> dict:
        """{question id: chosen option id} of the answers kept so far; none for a question of several answers."""
        answers = QuestionnaireAnswer.objects.filter(assignment=self.assignment)
        return dict(answers.values_list("item_id", "option_id"))

    def position(self):
        """Return the asked question's number; without one, the first unanswered question (or the check screen)."""
        try:
            asked = int(self.request.GET.get("q", ""))
        except ValueError:
            asked = None
        if asked is None:
            unanswered = [n for n, item in enumerate(self.items, start=1) if item.pk not in self.answered]
            return unanswered[0] if unanswered else len(self.items) + 1
        return max(1, min(asked, len(self.items) + 1))

    def respond(self, position, form=None):
        """One question with its answers (the options of that one only), or the check screen with every answer."""
        count = len(self.items)
        if position > count:
            rows = answer_rows(self.assignment, self.items)
            return render(self.request, self.template_name, self.context(position, rows=rows))
        item = self.items[position - 1]
        prefetch_related_objects([item], "options")
        if form is None:
            if item.multiple:
                chosen = QuestionnaireAnswerChoice.objects.filter(
                    answer__assignment=self.assignment, answer__item=item
                ).values_list("option_id", flat=True)
                initial = list(chosen)
            else:
                initial = self.answered.get(item.pk)
            form = QuestionAnswerForm(item=item, initial={"option": initial})
        return render(self.request, self.template_name, self.context(position, item=item, form=form))

    def context(self, position, **extra):
        return {
            "assignment": self.assignment,
            "version": self.assignment.version,
            "position": position,
            "count": len(self.items),
            "our_wording": self.assignment.version.questionnaire.licensed
            and not any(item.official_text_nl or item.official_text_en for item in self.items),
            **extra,
        }

    def get(self, request, pk):
        return self.closed() or self.respond(self.position())

    def post(self, request, pk):
        if closed := self.closed():
            return closed
        position = self.position()
        if position > len(self.items):
            return redirect(self.assignment.get_absolute_url())
        item = self.items[position - 1]
        prefetch_related_objects([item], "options")
        form = QuestionAnswerForm(request.POST, item=item)
        if not form.is_valid():
            return self.respond(position, form)
        try:
            services.answer_save(assignment=self.assignment, item=item, acting_user=request.user, **form.answer())
        except ValidationError as error:
            form.add_error(None, error)
            return self.respond(position, form)
        return redirect(f"{self.assignment.get_absolute_url()}?q={position + 1}")


class PortalQuestionnaireSubmitView(PortalQuestionnaireMixin, View):
    """Submit the answers; after this they cannot be changed."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if closed := self.closed():
            return closed
        try:
            services.assignment_submit(assignment=self.assignment, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.assignment.get_absolute_url())
        messages.success(request, _("Thank you. Your answers have been sent to your therapist."))
        return redirect(reverse("portal:home"))
