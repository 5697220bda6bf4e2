"""Messages to the GP: composing, editing, signing and downloading as PDF, every step access-logged."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, ListView, UpdateView

from clinic.choices import AccessAction, AccessOutcome, RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.mixins import LoggedReadMixin, PagedListMixin, ServiceActionView, ServiceFormMixin
from patients.choices import ConsentKind, LetterKind
from patients.documents.letters import letter_pdf
from patients.forms.letters import LetterCreateForm, LetterForm
from patients.models import GPLetter
from patients.selectors.record import valid_consent
from patients.services import letters as services
from patients.views.mixins import PlanMixin


class LetterMixin(PlanMixin):
    log_part = RecordPart.GP_LETTER

    def get_queryset(self):
        return GPLetter.objects.for_user(self.request.user).filter(episode=self.episode).select_related("author")

    def letter_url(self, letter):
        return reverse("patients:letter_detail", args=[self.episode.pk, letter.pk])

    def due_kind(self):
        """Return the kind of message the episode owes the GP first, or None."""
        signals = getattr(self.episode, "signals", None)
        return signals.gp_message_due or None if signals is not None else None


class LetterListView(LetterMixin, LoggedReadMixin, PagedListMixin, ListView):
    """The episode's letters to the GP, newest first."""

    template_name = "patients/gpletter_list.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        consent = valid_consent(self.episode.patient, ConsentKind.GP_DATA_SHARING)
        create_form = LetterCreateForm(initial={"kind": self.due_kind()})
        return super().get_context_data(consent=consent, create_form=create_form, **kwargs)


class LetterCreateView(OnceOnlyFormMixin, LetterMixin, ServiceFormMixin, FormView):
    """Compose a draft from the record; refused without the patient's data-sharing consent."""

    page_title = _("Write a letter")
    form_class = LetterCreateForm
    template_name = "patients/gpletter_create.html"
    success_message = _("The letter was composed from the record. Check and edit it before signing.")

    def get_initial(self):
        kind = self.request.GET.get("kind")
        return {"kind": kind if kind in LetterKind.values else self.due_kind()}

    def get_success_url(self):
        return self.letter_url(self.object)

    def perform(self, form):
        return services.letter_compose(
            episode=self.episode, kind=form.cleaned_data["kind"], acting_user=self.request.user
        )


class LetterDetailView(LetterMixin, ServiceFormMixin, UpdateView):
    """Edit a draft letter; a signed letter is shown as it was sent."""

    form_class = LetterForm
    template_name = "patients/gpletter_detail.html"
    log_action = AccessAction.UPDATE
    success_message = _("The letter was saved.")

    def get_success_url(self):
        return self.letter_url(self.object)

    def post(self, request, *args, **kwargs):
        if self.get_object().is_sent:
            messages.error(request, _("This letter was signed and sent and can no longer be changed."))
            return redirect(self.letter_url(self.get_object()))
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        return services.letter_update(
            letter=self.object,
            recipient=data["recipient"],
            subject=data["subject"],
            body=data["body"],
            acting_user=self.request.user,
        )


class LetterSendView(LetterMixin, ServiceActionView):
    """Sign a draft letter and store it as sent (POST only), when the patient's consent still holds."""

    log_detail = "send"

    def perform(self):
        services.letter_send(letter=self.object, acting_user=self.request.user)
        return _("The letter is signed and stored as sent; it can no longer be changed.")

    def get_success_url(self):
        return self.letter_url(self.object)


class LetterPdfView(LetterMixin, View):
    """Download the letter as PDF; logged as an export of the record."""

    http_method_names = ["get"]

    @cached_property
    def letter(self):
        return get_object_or_404(self.get_queryset().select_related("episode__patient__practice"), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        letter = self.letter
        if not letter.is_sent and valid_consent(letter.episode.patient, ConsentKind.GP_DATA_SHARING) is None:
            self.log(AccessAction.EXPORT, outcome=AccessOutcome.DENIED, detail="pdf")
            messages.error(
                request,
                _(
                    "The patient has not consented to sharing data with the GP: "
                    "record it under Consents on the patient page."
                ),
            )
            return redirect(self.letter_url(letter))
        pdf = letter_pdf(letter, base_url=request.build_absolute_uri("/"))
        self.log(AccessAction.EXPORT, detail="pdf")
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = slugify(f"{letter.get_kind_display()} {letter.episode.patient} {letter.created_at:%Y-%m-%d}")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
