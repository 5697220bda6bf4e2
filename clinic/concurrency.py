"""Two people, one record: a save based on an outdated copy is refused, and a form sent twice saves once.

Version check: an edit form carries the version it was opened at (the row's `updated_at`) in a
hidden field; the service locks the row and refuses the save when the row has moved on since.

Once-only submit: a create form carries a one-time token; the first POST claims it in the same
transaction as the row it creates, so a second POST of the same form (a double tap, a reload,
the back button) finds the claim and is sent to what the first one made. The claim is looked for
before the form is validated and again when it is refused, so the second POST never answers with
an error about the first one's result ("the therapist already has an appointment then").
"""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from clinic.models import FormSubmission

VERSION_FIELD = "seen_version"
SUBMISSION_FIELD = "submission"


def version_token(instance) -> str:
    """Return the version of a row as an edit form carries it."""
    return instance.updated_at.isoformat() if instance.updated_at else ""


def refuse_if_changed(current, seen_version: str | None):
    """Refuse a save when the locked row is no longer the version the form was opened at.

    `seen_version` None means the caller is not a form (a command, the demo data) and checks nothing.
    """
    if seen_version is not None and seen_version != version_token(current):
        raise ValidationError(
            _(
                "Someone else changed this since you opened it, so your changes were not saved. "
                "Open it again to see their version; copy anything you typed first."
            ),
            code="changed_elsewhere",
        )


class VersionField(forms.CharField):
    """The hidden version an edit form was opened at; a mangled one just fails the version check."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=None, **kwargs)
        # A hidden field's own error would not be shown; a bad value reads as "changed elsewhere" instead.
        self.validators = []

    def to_python(self, value):
        return str(value or "").replace("\x00", "")


class VersionCheckedFormMixin:
    """An edit view whose form carries the version of the object it was opened at."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields[VERSION_FIELD] = VersionField(initial=version_token(self.get_versioned_object()))
        return form

    def get_versioned_object(self):
        return self.object

    def seen_version(self, form) -> str:
        return form.cleaned_data.pop(VERSION_FIELD, "") or ""


class SubmissionField(forms.CharField):
    """A hidden one-time token; anything that is not a token counts as none."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)

    def to_python(self, value):
        try:
            return uuid.UUID(str(value))
        except ValueError:
            return None


class OnceOnlyFormMixin:
    """A create view that saves a form once however often the same copy of it is sent."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields[SUBMISSION_FIELD] = SubmissionField()
        if hasattr(form, "helper"):
            form.helper.render_hidden_fields = True
        return form

    def post(self, request, *args, **kwargs):
        token = SubmissionField().to_python(request.POST.get(SUBMISSION_FIELD))
        if token is not None and self._claimed(token):
            return self.already_saved(token)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form, *formsets):
        # A refusal caused by the first send's own result, committed while this one was being validated.
        token = form.cleaned_data.get(SUBMISSION_FIELD)
        if token is not None and self._claimed(token):
            return self.already_saved(token)
        return super().form_invalid(form, *formsets)

    def _claimed(self, token) -> bool:
        return FormSubmission.objects.filter(token=token, user=self.request.user).exists()

    def form_valid(self, form, *formsets):
        token = form.cleaned_data.pop(SUBMISSION_FIELD, None)
        if token is None:
            return super().form_valid(form, *formsets)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = FormSubmission.objects.create(token=token, user=self.request.user)
            except IntegrityError:
                return self.already_saved(token)
            response = super().form_valid(form, *formsets)
            if response.status_code in (301, 302, 303):
                claim.result_url = response.url
                claim.save(update_fields=["result_url"])
            else:
                # Refused by the service: the form is shown again and may be sent again once corrected.
                claim.delete()
            return response

    def already_saved(self, token):
        claim = FormSubmission.objects.filter(token=token, user=self.request.user).first()
        messages.info(self.request, _("This form had already been sent; it was saved once."))
        return redirect(claim.result_url if claim and claim.result_url else self.request.path)
