"""The treatment plan of an episode and what hangs off it."""

from django.urls import path

from patients.views import interventions, letters, plans, referrals

PLAN = "episodes/<int:episode_pk>/plan/"
LETTERS = "episodes/<int:episode_pk>/letters/"

urlpatterns = [
    path(PLAN, plans.PlanDetailView.as_view(), name="plan_detail"),
    path(PLAN + "new/", plans.PlanCreateView.as_view(), name="plan_create"),
    path(PLAN + "edit/", plans.PlanUpdateView.as_view(), name="plan_update"),
    path(PLAN + "activate/", plans.PlanActivateView.as_view(), name="plan_activate"),
    path(PLAN + "close/", plans.PlanCloseView.as_view(), name="plan_close"),
    path(PLAN + "history/", plans.PlanHistoryView.as_view(), name="plan_history"),
    path(PLAN + "history/<int:history_id>/", plans.PlanVersionView.as_view(), name="plan_version"),
    path(
        PLAN + "interventions/new/<slug:kind>/",
        interventions.InterventionCreateView.as_view(),
        name="intervention_create",
    ),
    path(
        PLAN + "interventions/<int:pk>/edit/",
        interventions.InterventionUpdateView.as_view(),
        name="intervention_update",
    ),
    path(
        PLAN + "interventions/<int:pk>/remove/",
        interventions.InterventionRemoveView.as_view(),
        name="intervention_remove",
    ),
    path(PLAN + "biofeedback/new/", interventions.BiofeedbackCreateView.as_view(), name="biofeedback_create"),
    path(PLAN + "referrals/new/", referrals.ReferralCreateView.as_view(), name="referral_create"),
    path(PLAN + "needling/new/", referrals.NeedlingCreateView.as_view(), name="needling_create"),
    path(PLAN + "needling/<int:pk>/", referrals.NeedlingDetailView.as_view(), name="needling_detail"),
    path(PLAN + "needling/<int:pk>/edit/", referrals.NeedlingUpdateView.as_view(), name="needling_update"),
    path(LETTERS, letters.LetterListView.as_view(), name="letter_list"),
    path(LETTERS + "new/", letters.LetterCreateView.as_view(), name="letter_create"),
    path(LETTERS + "<int:pk>/", letters.LetterDetailView.as_view(), name="letter_detail"),
    path(LETTERS + "<int:pk>/send/", letters.LetterSendView.as_view(), name="letter_send"),
    path(LETTERS + "<int:pk>/pdf/", letters.LetterPdfView.as_view(), name="letter_pdf"),
]
