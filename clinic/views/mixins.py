"""The one family of view mixins that every page of every app is built from.

A page runs through the same steps in the same order: the role is checked (403 for another role);
the object is found through `get_queryset()`, which scopes with `Model.objects.for_user(user)` (404
outside the scope); every look at patient data and every change tried is written to the access log,
refusals included (NEN 7513); a valid form is saved by one service call, whose refusal comes back
next to the fields it names.
"""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import InvalidPage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View

from clinic.access_log import record_access
from clinic.choices import AccessAction, AccessOutcome, Role
from clinic.kept_forms import take_typed
from clinic.local_time import occurs_twice_notices
from clinic.permissions import has_role


class RoleRequiredMixin(AccessMixin):
    """Send the anonymous to the login page; refuse (403) users whose role is not in `allowed_roles`."""

    allowed_roles: tuple = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_role(request.user, *self.allowed_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PracticeAdminRequiredMixin(RoleRequiredMixin):
    allowed_roles = (Role.PRACTICE_ADMIN,)


class StaffRequiredMixin(RoleRequiredMixin):
    allowed_roles = (Role.THERAPIST, Role.PRACTICE_ADMIN)


class AccessLoggedMixin(RoleRequiredMixin):
    """Write one access-log entry for every page of patient data shown and every change tried, refused ones too.

    `log_part` names the part of the record; `log_action` is what a successful POST did. A refused
    request (another role, or an object outside the user's scope) is logged as DENIED with its path,
    a read for GET and an attempted change for POST.
    """

    log_part = ""
    log_action = AccessAction.CREATE
    # Whom a change was made for, when staff write what the patient reported (a paper diary).
    log_on_behalf_of = False

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except (Http404, PermissionDenied):
            if request.user.is_authenticated:
                # A refused POST is logged as an attempted change: what it would have done is not known.
                action = AccessAction.READ if request.method in ("GET", "HEAD") else AccessAction.UPDATE
                record_access(
                    request, action=action, part=self.log_part, outcome=AccessOutcome.DENIED, detail=request.path
                )
            raise

    def get_log_patient(self):
        """Return the patient whose data the page shows or changes (None for a page of no one's data)."""
        found = getattr(self, "object", None)
        return getattr(found, "patient", None) if found is not None else None

    def log(self, action, outcome=AccessOutcome.SUCCESS, detail="", on_behalf_of=""):
        record_access(
            self.request,
            action=action,
            part=self.log_part,
            patient=self.get_log_patient(),
            outcome=outcome,
            detail=detail,
            on_behalf_of=on_behalf_of or (str(self.get_log_patient()) if self.log_on_behalf_of else ""),
        )


class TherapistRequiredMixin(AccessLoggedMixin):
    allowed_roles = (Role.THERAPIST,)


class PatientRequiredMixin(AccessLoggedMixin):
    allowed_roles = (Role.PATIENT,)


class LoggedReadMixin(AccessLoggedMixin):
    """Log a read (`read_action`) each time the page is shown.

    A page of one patient's data logs only when it found the patient; a page about many patients
    at once (`shows_many_patients`: the caseload, the agenda) logs its read without naming one.
    """

    read_action = AccessAction.READ
    read_detail = ""
    shows_many_patients = False

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.shows_many_patients or self.get_log_patient() is not None:
            self.log(self.read_action, detail=self.read_detail)
        return response


class ParentMixin:
    """Find the record the URL's `parent_kwarg` names through the user's scope: 404 outside it."""

    parent_kwarg = "episode_pk"

    def get_parent_queryset(self):
        raise NotImplementedError

    @cached_property
    def parent(self):
        return get_object_or_404(self.get_parent_queryset(), pk=self.kwargs[self.parent_kwarg])


def add_service_error(form, error: ValidationError):
    """Show a service's refusal next to the field it names, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ServiceFormMixin(LoggedReadMixin):
    """Show the form (logged as a read) and save a valid one through one service call, logging the outcome."""

    success_message = ""

    @cached_property
    def kept_data(self):
        """Return what was typed into this form when the session ended, once, on the page's first view after."""
        return take_typed(self.request) if self.request.method == "GET" else None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.kept_data is not None:
            kwargs["data"] = self.kept_data
        return kwargs

    def perform(self, form):
        """Save the form through its service and return what was saved."""
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.perform(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        self.log(self.log_action)
        if self.success_message:
            messages.success(self.request, self.success_message)
        for notice in occurs_twice_notices(form):
            messages.info(self.request, notice)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        self.log(self.log_action, outcome=AccessOutcome.FAILED)
        return super().form_invalid(form)


class ServiceActionView(AccessLoggedMixin, View):
    """A button (POST only) whose one service call changes a record; the outcome is a message and a redirect.

    `get_object()` finds the record through the user's scope; `perform()` calls the service and returns
    the message to show; a refusal (ValidationError) is shown as an error and logged as FAILED.
    """

    http_method_names = ["post"]
    log_action = AccessAction.UPDATE
    log_detail = ""

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def perform(self):
        raise NotImplementedError

    def get_success_url(self):
        return self.object.get_absolute_url()

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            message = self.perform()
        except ValidationError as error:
            self.log(self.log_action, outcome=AccessOutcome.FAILED, detail=self.log_detail)
            messages.error(request, " ".join(error.messages))
        else:
            self.log(self.log_action, detail=self.log_detail)
            if message:
                messages.success(request, message)
        return redirect(self.get_success_url())


class PagedListMixin:
    """Page a ListView; a page number that is not there (text, 0, 10^20) shows the first page and says so.

    Django's ListView answers such a number with a 404, which tells a user who edited the address
    nothing and gives a crawler of page numbers an error page to hammer.
    """

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        try:
            page = paginator.page(self.request.GET.get(self.page_kwarg) or 1)
        except InvalidPage:
            messages.info(self.request, _("That page does not exist; this is the first page."))
            page = paginator.page(1)
        return paginator, page, page.object_list, page.has_other_pages()


class FilteredListMixin(PagedListMixin):
    """A ListView whose rows, scoped by get_queryset(), are narrowed by a django-filter FilterSet.

    The filter set's form is in the context as `filter.form`: its messages say which value was not
    taken, and that filter is left out while the others still apply.
    """

    filterset_class = None

    def get_filterset_kwargs(self):
        return {}

    def filtered(self, queryset):
        self.filterset = self.filterset_class(self.request.GET, queryset=queryset, **self.get_filterset_kwargs())
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)
