"""The role-aware home, account management for practice admins, and the health check."""

import csv
import datetime
import itertools

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, ListView, TemplateView, UpdateView

from clinic import services
from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart, Role
from clinic.forms import AccessLogFilterForm, AccountCreateForm, AccountSearchForm, AccountUpdateForm
from clinic.models import AccessLogEntry, User
from clinic.pagination import UncountedPaginator
from clinic.permissions import RoleRequiredMixin

ROLE_HOMES = {
    Role.PRACTICE_ADMIN: "clinic:account_list",
    Role.THERAPIST: "patients:dashboard",
    Role.PATIENT: "programs:portal_home",
}


def home(request):
    """Send each user to the start page of their role."""
    user = request.user
    if user.role in ROLE_HOMES:
        return redirect(ROLE_HOMES[user.role])
    if user.is_superuser:
        return redirect("admin:index")
    return redirect("logout")


@login_not_required
def healthz(request):
    """Answer 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


class PracticeAdminMixin(RoleRequiredMixin):
    allowed_roles = (Role.PRACTICE_ADMIN,)
    # Not "user": that name belongs to the logged-in user in every template.
    context_object_name = "account"

    def get_queryset(self):
        return User.objects.for_user(self.request.user)


# What a row of the account list shows; the other columns (password hash and the like) stay unread.
ACCOUNT_LIST_COLUMNS = ["first_name", "last_name", "email", "role", "is_active", "last_login"]


class AccountListView(PracticeAdminMixin, ListView):
    template_name = "clinic/user_list.html"
    paginate_by = 25

    def get_queryset(self):
        self.search_form = AccountSearchForm(self.request.GET or None)
        accounts = self.search_form.filter(super().get_queryset()).only(*ACCOUNT_LIST_COLUMNS)
        return accounts.order_by("last_name", "first_name", "pk")

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(search_form=self.search_form, query_string=query.urlencode(), **kwargs)


class AccountCreateView(PracticeAdminMixin, CreateView):
    form_class = AccountCreateForm
    template_name = "clinic/user_form.html"

    def form_valid(self, form):
        data = form.cleaned_data
        self.object = services.user_invite(
            practice=self.request.user.practice,
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            role=data["role"],
            base_url=self.request.build_absolute_uri("/"),
            acting_user=self.request.user,
        )
        messages.success(
            self.request,
            _("Account created. %(email)s has been e-mailed a link to choose a password.")
            % {"email": self.object.email},
        )
        return redirect("clinic:account_list")


class AccountUpdateView(PracticeAdminMixin, UpdateView):
    form_class = AccountUpdateForm
    template_name = "clinic/user_form.html"
    # The default name, "user", would hide the logged-in user from the templates.
    context_object_name = "account"

    def form_valid(self, form):
        data = form.cleaned_data
        old_role = User.objects.only("role").get(pk=self.object.pk).role
        try:
            services.user_update(
                user=self.object,
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                is_needling_qualified=data["is_needling_qualified"],
                acting_user=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if old_role != data["role"]:
            record_access(
                self.request,
                action=AccessAction.ROLE_CHANGE,
                part=RecordPart.ACCOUNT,
                detail=f"{self.object.email}: {old_role} -> {data['role']}",
            )
        messages.success(self.request, _("The account has been saved."))
        return redirect("clinic:account_list")


class AccountSetActiveView(PracticeAdminMixin, View):
    """Deactivate or reactivate an account (POST only)."""

    active = False
    http_method_names = ["post"]

    def post(self, request, pk):
        account = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            services.user_set_active(user=account, active=self.active, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            text = _("%(name)s can log in again.") if self.active else _("%(name)s can no longer log in.")
            messages.success(request, text % {"name": account})
        return redirect(reverse("clinic:account_update", args=[account.pk]))


class BenchmarkReferenceView(TemplateView):
    """A yardstick for `make bench`: one indexed query and a 50-row table, nothing else.

    Routed only when BENCHMARK_REFERENCE_VIEW is set; it shows names only to a practice admin.
    """

    template_name = "clinic/benchmark_reference.html"

    def get_context_data(self, **kwargs):
        rows = User.objects.for_user(self.request.user).filter(role=Role.PATIENT).order_by("last_name")[:50]
        return super().get_context_data(rows=rows, **kwargs)


class AccountSecondFactorResetView(PracticeAdminMixin, View):
    """Remove an account's second factor so that its owner enrols again, e.g. after losing a phone (POST only)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        account = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            services.user_reset_second_factor(user=account, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            record_access(
                request, action=AccessAction.SECOND_FACTOR_RESET, part=RecordPart.ACCOUNT, detail=f"{account.email}"
            )
            messages.success(
                request,
                _("The second factor of %(name)s has been reset. They set it up again at their next login.")
                % {"name": account},
            )
        return redirect(reverse("clinic:account_update", args=[account.pk]))


class AccessLogMixin(RoleRequiredMixin):
    """The practice's own access log, filtered the same way for the page and the CSV export."""

    allowed_roles = (Role.PRACTICE_ADMIN,)

    def filtered_entries(self):
        self.filter_form = AccessLogFilterForm(self.request.GET or None, practice=self.request.user.practice)
        entries = AccessLogEntry.objects.for_user(self.request.user).select_related("user")
        return self.filter_form.filter(entries)


# What a row of the access-log page shows; the hashes, grounds and details are for the CSV export.
ACCESS_LOG_COLUMNS = [
    "occurred_at",
    "user_role",
    "patient_label",
    "action",
    "part",
    "outcome",
    "client_ip",
    "user__first_name",
    "user__last_name",
    "user__email",
]


class AccessLogListView(AccessLogMixin, ListView):
    template_name = "clinic/accesslog_list.html"
    paginate_by = 50
    paginator_class = UncountedPaginator

    def get_queryset(self):
        return self.filtered_entries().only(*ACCESS_LOG_COLUMNS)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(filter_form=self.filter_form, query_string=query.urlencode(), **kwargs)


class Echo:
    """A file-like object whose write hands the line back, for streaming CSV."""

    def write(self, value):
        return value


class AccessLogExportView(AccessLogMixin, View):
    """Download the filtered access log as CSV (times in UTC)."""

    def get(self, request):
        entries = self.filtered_entries()
        record_access(request, action=AccessAction.EXPORT, part=RecordPart.ACCESS_LOG, detail=request.GET.urlencode())
        writer = csv.writer(Echo())
        header = [
            _("when (UTC)"),
            _("user"),
            _("role"),
            _("patient"),
            _("action"),
            _("part of the record"),
            _("outcome"),
            _("client IP"),
            _("on behalf of"),
            _("grounds"),
            _("detail"),
        ]
        rows = (
            [
                entry.occurred_at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S"),
                entry.user.email if entry.user else "",
                entry.user_role,
                entry.patient_label,
                entry.action,
                entry.part,
                entry.outcome,
                entry.client_ip or "",
                entry.on_behalf_of,
                entry.grounds,
                entry.detail,
            ]
            for entry in entries.iterator(chunk_size=2000)
        )
        lines = (writer.writerow(row) for row in itertools.chain([header], rows))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="access-log-{stamp}.csv"'
        return response
