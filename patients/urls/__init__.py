"""Addresses of the clinical record under /patients/, one module per part, in one namespace."""

from patients.urls import followups, plans, record

app_name = "patients"

urlpatterns = [*record.urlpatterns, *followups.urlpatterns, *plans.urlpatterns]
