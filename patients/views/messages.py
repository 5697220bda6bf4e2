"""Secure messages seen from the practice: the episode's conversation with its answer form, and a message
turned into an addendum of a signed session note."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from clinic.choices import RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.mixins import ServiceActionView, ServiceFormMixin, TherapistRequiredMixin
from patients.forms.messages import MessageAddendumForm, MessageForm
from patients.models import Message, SessionNote
from patients.rules.messages import conversation_open
from patients.selectors.messages import conversation_of, latest_messages
from patients.services.messages import message_send, message_to_addendum
from patients.views.mixins import EpisodeChildMixin


def signed_notes(user, episode):
    """Return the episode's signed session notes, the latest first: those a message may be added to."""
    return SessionNote.objects.for_user(user).filter(episode=episode, signed_at__isnull=False)


class ConversationMixin(OnceOnlyFormMixin, ServiceFormMixin):
    """The conversation of `self.episode` with the form to add to it while the episode is open.

    The practice's page and the patient's portal page both build on it; each says whose episode it is
    (the portal's may be None: a patient without any episode yet has no conversation).
    """

    form_class = MessageForm
    log_part = RecordPart.MESSAGES
    success_message = gettext_lazy("Your message has been sent.")

    def get_context_data(self, **kwargs):
        conversation = conversation_of(self.request.user, self.episode)
        messages, older = latest_messages(self.request.user, conversation)
        return super().get_context_data(
            conversation=conversation,
            thread=messages,
            older_messages=older,
            is_open=self.episode is not None and conversation_open(self.episode.status),
            **kwargs,
        )

    def perform(self, form):
        return message_send(episode=self.episode, body=form.cleaned_data["body"], acting_user=self.request.user)

    def get_success_url(self):
        return self.request.path


class EpisodeConversationView(ConversationMixin, EpisodeChildMixin, FormView):
    """The episode's messages as the therapist reads and answers them; each read is access-logged."""

    template_name = "patients/conversation.html"
    page_title = gettext_lazy("Messages")
    episode_related = ("patient", "patient__practice")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notes = signed_notes(self.request.user, self.episode).select_related("author")
        notes = list(notes) if any(message.from_patient for message in context["thread"]) else []
        for message in context["thread"]:
            message.addendum_form = MessageAddendumForm(notes=notes, auto_id=f"message{message.pk}_%s")
        return {**context, "signed_notes": notes}


class MessageAddendumView(TherapistRequiredMixin, ServiceActionView):
    """Add a message to a signed session note of its episode as an addendum."""

    log_part = RecordPart.SESSION_NOTE

    def get_queryset(self):
        return Message.objects.for_user(self.request.user).select_related("conversation__episode__patient")

    def get_log_patient(self):
        return self.object.conversation.episode.patient

    def perform(self):
        episode = self.object.conversation.episode
        form = MessageAddendumForm(self.request.POST, notes=signed_notes(self.request.user, episode))
        if not form.is_valid():
            raise ValidationError(_("Choose a signed session note of this care episode."))
        self.addendum = message_to_addendum(message=self.object, note=form.chosen_note(), acting_user=self.request.user)
        return _("The message has been added to the session note as a signed addendum.")

    def get_success_url(self):
        addendum = getattr(self, "addendum", None)
        if addendum is not None:
            return addendum.note.get_absolute_url()
        return reverse("patients:episode_messages", args=[self.object.conversation.episode_id])
