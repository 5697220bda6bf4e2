"""The role-aware home, account management for practice admins, and the health check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, ListView, UpdateView

from clinic import services
from clinic.forms import AccountCreateForm, AccountSearchForm, AccountUpdateForm
from clinic.models import Role, User
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

    def get_queryset(self):
        return User.objects.for_user(self.request.user)


class AccountListView(PracticeAdminMixin, ListView):
    template_name = "clinic/user_list.html"
    paginate_by = 25

    def get_queryset(self):
        self.search_form = AccountSearchForm(self.request.GET or None)
        return self.search_form.filter(super().get_queryset()).order_by("last_name", "first_name", "pk")

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

    def form_valid(self, form):
        data = form.cleaned_data
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
