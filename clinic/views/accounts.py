"""Account management for practice admins: list, invite, change, (de)activate, reset the second factor."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, ListView, UpdateView

from clinic import services
from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.filters import AccountFilter
from clinic.forms import AccountCreateForm, AccountUpdateForm
from clinic.models import User
from clinic.pagination import UncountedPaginator
from clinic.views.mixins import FilteredListMixin, PracticeAdminRequiredMixin


class PracticeAdminMixin(PracticeAdminRequiredMixin):
    # Not "user": that name belongs to the logged-in user in every template.
    context_object_name = "account"

    def get_queryset(self):
        return User.objects.for_user(self.request.user)


# What a row of the account list shows; the other columns (password hash and the like) stay unread.
ACCOUNT_LIST_COLUMNS = ["first_name", "last_name", "email", "role", "is_active", "last_login"]


class AccountListView(PracticeAdminMixin, FilteredListMixin, ListView):
    template_name = "clinic/user_list.html"
    paginate_by = 25
    # A practice's thousands of patient accounts are not counted on every view.
    paginator_class = UncountedPaginator
    filterset_class = AccountFilter

    def get_queryset(self):
        accounts = self.filtered(super().get_queryset()).only(*ACCOUNT_LIST_COLUMNS)
        return accounts.order_by("sort_name", "pk")


class AccountCreateView(OnceOnlyFormMixin, PracticeAdminMixin, CreateView):
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
                registration_number=data.get("registration_number"),
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
