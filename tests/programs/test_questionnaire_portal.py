"""A questionnaire from the episode page to the patient's phone and back into the episode's measures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from patients.models import OutcomeMeasure, QuestionnaireAssignment
from tests.factories import (
    CareEpisodeFactory,
    PatientFactory,
    PatientUserFactory,
    QuestionnaireAssignmentFactory,
    builtin_version,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(therapist):
    account = PatientUserFactory(practice=therapist.practice)
    patient = PatientFactory(practice=therapist.practice, responsible_therapist=therapist, user=account)
    return CareEpisodeFactory(patient=patient, therapist=therapist, status="in_treatment")


def option_id(assignment, code, score):
    return assignment.version.items.get(code=code).options.get(score=score).pk


def test_therapist_sends_and_patient_answers_stops_resumes_and_the_score_lands_in_the_trend(client, episode):
    client.force_login(episode.therapist)
    due = timezone.localdate() + datetime.timedelta(days=5)
    response = client.post(
        reverse("patients:questionnaire_send", args=[episode.pk]),
        {"version": builtin_version("iciq_ui_sf").pk, "due_on": due.strftime("%d-%m-%Y")},
    )
    assert response.status_code == 302
    assignment = QuestionnaireAssignment.objects.get(episode=episode)

    client.force_login(episode.patient.user)
    home = client.get(reverse("portal:home"))
    assert assignment.get_absolute_url() in home.text
    url = assignment.get_absolute_url()
    first = client.get(url)
    assert "1 of 4" in first.text or "1 van 4" in first.text
    client.post(f"{url}?q=1", {"option": option_id(assignment, "frequency", 2)})

    # Stopping here and coming back opens the first question not yet answered.
    resumed = client.get(url)
    assert resumed.context["position"] == 2
    client.post(f"{url}?q=2", {"option": option_id(assignment, "amount", 4)})
    client.post(f"{url}?q=3", {"option": option_id(assignment, "impact", 3)})
    client.post(f"{url}?q=4", {})  # the unscored question is skipped
    check = client.get(url)
    assert check.context["position"] == 5
    assert client.post(reverse("portal:questionnaire_submit", args=[assignment.pk])).status_code == 302

    measure = OutcomeMeasure.objects.get(episode=episode)
    assert (measure.total, measure.source) == (9, "patient_reported")
    assert client.get(url).status_code == 302  # submitted: no longer answered

    client.force_login(episode.therapist)
    page = client.get(episode.get_absolute_url())
    chart = next(chart for chart in page.context["charts"] if chart.key == "iciq_ui_sf")
    assert [series.points[0][3] for series in chart.series] == [9]
    assert reverse("patients:questionnaire_answers", args=[assignment.pk]) in page.text


def test_a_required_question_cannot_be_skipped_and_what_was_chosen_stays(client, episode):
    assignment = QuestionnaireAssignmentFactory(episode=episode, version=builtin_version("pain_nrs"))
    client.force_login(episode.patient.user)

    response = client.post(f"{assignment.get_absolute_url()}?q=1", {})

    assert response.status_code == 200
    assert "alert-danger" in response.text
    assert not assignment.answers.exists()


def test_a_questionnaire_of_a_discharged_episode_is_not_shown_nor_answered(client, episode):
    assignment = QuestionnaireAssignmentFactory(episode=episode)
    episode.status, episode.discharged_on = "discharged", timezone.localdate()
    episode.save()
    client.force_login(episode.patient.user)

    assert assignment.get_absolute_url() not in client.get(reverse("portal:home")).text
    client.post(f"{assignment.get_absolute_url()}?q=1", {"option": assignment.version.items.get().options.first().pk})
    assert not assignment.answers.exists()


def test_another_patient_and_another_practice_get_404(client, episode, other_therapist):
    assignment = QuestionnaireAssignmentFactory(episode=episode)
    client.force_login(PatientUserFactory(practice=episode.patient.practice))
    assert client.get(assignment.get_absolute_url()).status_code == 404
    client.force_login(other_therapist)
    assert client.get(reverse("patients:questionnaire_answers", args=[assignment.pk])).status_code == 404
    assert client.get(reverse("patients:questionnaire_send", args=[episode.pk])).status_code == 404


def test_a_patient_cannot_open_the_therapist_pages(client, episode):
    assignment = QuestionnaireAssignmentFactory(episode=episode)
    client.force_login(episode.patient.user)
    assert client.get(reverse("patients:questionnaire_answers", args=[assignment.pk])).status_code == 403
    assert client.get(reverse("patients:questionnaire_send", args=[episode.pk])).status_code == 403


def test_therapist_withdraws_an_unanswered_questionnaire(client, episode):
    assignment = QuestionnaireAssignmentFactory(episode=episode)
    client.force_login(episode.therapist)
    client.post(reverse("patients:questionnaire_withdraw", args=[assignment.pk]))
    assignment.refresh_from_db()
    assert assignment.status == "withdrawn"


def test_a_warning_answer_and_an_overdue_questionnaire_are_on_the_therapist_worklists_the_same_day(client, episode):
    pain = QuestionnaireAssignmentFactory(episode=episode, version=builtin_version("pain_nrs"))
    late = QuestionnaireAssignmentFactory(episode=episode, due_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(episode.patient.user)
    client.post(f"{pain.get_absolute_url()}?q=1", {"option": option_id(pain, "pain", 10)})
    client.post(reverse("portal:questionnaire_submit", args=[pain.pk]))

    client.force_login(episode.therapist)
    dashboard = client.get(reverse("patients:dashboard"))

    assert [item.pk for item in dashboard.context["questionnaire_warnings"].items] == [pain.pk]
    assert [item.pk for item in dashboard.context["overdue_questionnaires"].items] == [late.pk]
    assert reverse("patients:questionnaire_answers", args=[pain.pk]) in dashboard.text
