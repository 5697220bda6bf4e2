from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from clinic.forms import InvitationAwarePasswordResetForm
from clinic.permissions import second_factor_not_required
from clinic.views import access_log, accounts, checkpoint, home, practice
from clinic.views import auth as two_factor

clinic_patterns = [
    path("accounts/", accounts.AccountListView.as_view(), name="account_list"),
    path("accounts/new/", accounts.AccountCreateView.as_view(), name="account_create"),
    path("accounts/<int:pk>/", accounts.AccountUpdateView.as_view(), name="account_update"),
    path(
        "accounts/<int:pk>/deactivate/", accounts.AccountSetActiveView.as_view(active=False), name="account_deactivate"
    ),
    path(
        "accounts/<int:pk>/reactivate/", accounts.AccountSetActiveView.as_view(active=True), name="account_reactivate"
    ),
    path(
        "accounts/<int:pk>/reset-second-factor/",
        accounts.AccountSecondFactorResetView.as_view(),
        name="account_second_factor_reset",
    ),
    path("practice/", practice.PracticeUpdateView.as_view(), name="practice_update"),
    path("access-log/", access_log.AccessLogListView.as_view(), name="access_log"),
    path("access-log/export.csv", access_log.AccessLogExportView.as_view(), name="access_log_export"),
    path("access-log/checkpoint.json", checkpoint.AccessLogCheckpointView.as_view(), name="access_log_checkpoint"),
]

two_factor_patterns = [
    path("", two_factor.verify, name="two_factor_verify"),
    path("email/", two_factor.email_code_resend, name="two_factor_email_resend"),
    path("setup/", two_factor.setup, name="two_factor_setup"),
    path("backup-codes/", two_factor.BackupCodesView.as_view(), name="two_factor_backup_codes"),
    path("settings/", two_factor.SettingsView.as_view(), name="two_factor_settings"),
    path("use-email/", two_factor.UseEmailCodesView.as_view(), name="two_factor_use_email"),
]

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.healthz, name="healthz"),
    path("favicon.ico", home.favicon, name="favicon"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path(
        "auth/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=InvitationAwarePasswordResetForm),
        name="password_reset",
    ),
    path("auth/login/", two_factor.LoginView.as_view(), name="login"),
    path("auth/logout/", second_factor_not_required(auth_views.LogoutView.as_view()), name="logout"),
    path("auth/two-factor/", include(two_factor_patterns)),
    path("auth/", include("django.contrib.auth.urls")),
    path("", include((clinic_patterns, "clinic"))),
    path("patients/", include("patients.urls")),
    path("", include("programs.urls")),
    # The Django admin logs in through the same two-step login as everyone else.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="login", query_string=True)),
        name="admin_login",
    ),
    path("my/", include("programs.urls.portal")),
    path("admin/", admin.site.urls),
]

if settings.BENCHMARK_REFERENCE_VIEW:
    urlpatterns.append(path("bench/reference/", home.BenchmarkReferenceView.as_view(), name="benchmark_reference"))
handler400 = "clinic.views.errors.bad_request"
handler403 = "clinic.views.errors.permission_denied"
handler404 = "clinic.views.errors.page_not_found"
handler500 = "clinic.views.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
