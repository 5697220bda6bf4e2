from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from clinic import views
from clinic.forms import InvitationAwarePasswordResetForm

account_patterns = [
    path("", views.AccountListView.as_view(), name="account_list"),
    path("new/", views.AccountCreateView.as_view(), name="account_create"),
    path("<int:pk>/", views.AccountUpdateView.as_view(), name="account_update"),
    path("<int:pk>/deactivate/", views.AccountSetActiveView.as_view(active=False), name="account_deactivate"),
    path("<int:pk>/reactivate/", views.AccountSetActiveView.as_view(active=True), name="account_reactivate"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path(
        "auth/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=InvitationAwarePasswordResetForm),
        name="password_reset",
    ),
    path("auth/", include("django.contrib.auth.urls")),
    path("accounts/", include((account_patterns, "clinic"))),
    path("patients/", include("patients.urls")),
    path("my/", include("programs.urls")),
    path("my/", include("patients.urls_portal")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
