from django.urls import include, path

from patients.views import dashboard

app_name = "patients"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    path("", include("patients.urls_plans")),
]
