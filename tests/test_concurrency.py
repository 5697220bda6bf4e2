"""Two people on one record: an outdated save is refused, not silently overwriting; a form sent twice saves once."""

import datetime
import io
import uuid

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.html import escape

from clinic.choices import AccessAction
from clinic.concurrency import OnceOnlyFormMixin, version_token
from clinic.models import AccessLogEntry, FormSubmission
from patients import services
from patients.models import Appointment, Patient, SessionNote, TreatmentPlan
from patients.services import plans as plan_services
from programs.models import BladderEntry
from tests.factories import (
    CareEpisodeFactory,
    PatientFactory,
    PlanGoalFactory,
    SessionNoteFactory,
    TherapistFactory,
    TreatmentPlanFactory,
    next_weekday_at,
)

pytestmark = pytest.mark.django_db


def refused_as_changed(response):
    """Return whether the page shows the form again with the "changed by someone else" message above it."""
    errors = response.context["form"].non_field_errors()
    codes = [error.code for error in errors.as_data()]
    return response.status_code == 200 and "changed_elsewhere" in codes and escape(errors[0]) in response.text


TODAY = timezone.localdate().isoformat()


@pytest.fixture
def episode(therapist):
    return CareEpisodeFactory(patient__practice=therapist.practice, therapist=therapist)


@pytest.fixture
def plan(episode):
    plan = TreatmentPlanFactory(episode=episode, planned_sessions=8)
    PlanGoalFactory(plan=plan)
    return plan


def plan_form(plan, **overrides):
    goal = plan.goals.get()
    data = {
        "pelvic_floor_class": plan.pelvic_floor_class,
        "analysis": plan.analysis,
        "started_on": plan.started_on.isoformat(),
        "review_on": plan.review_on.isoformat(),
        "planned_sessions": str(plan.planned_sessions),
        "seen_version": version_token(plan),
        "goals-TOTAL_FORMS": "1",
        "goals-INITIAL_FORMS": "1",
        "goals-MIN_NUM_FORMS": "1",
        "goals-MAX_NUM_FORMS": "1000",
        "goals-0-id": str(goal.pk),
        "goals-0-description": goal.description,
        "goals-0-measure": goal.measure,
        "goals-0-target": goal.target,
        "goals-0-review_on": goal.review_on.isoformat(),
    }
    return {**data, **overrides}


# --- the version check --------------------------------------------------------------------------


def test_second_therapist_saving_an_outdated_plan_is_refused_and_keeps_what_they_typed(client, therapist, plan):
    colleague = TherapistFactory(practice=therapist.practice)
    url = reverse("patients:plan_update", args=[plan.episode_id])
    first, second = plan_form(plan, planned_sessions="10"), plan_form(plan, planned_sessions="14")
    client.force_login(therapist)
    assert client.post(url, first).status_code == 302

    client.force_login(colleague)
    response = client.post(url, second)

    assert refused_as_changed(response)
    assert response.context["form"]["planned_sessions"].value() == "14"
    assert TreatmentPlan.objects.get().planned_sessions == 10


def test_plan_form_carries_the_version_it_was_opened_at(client, therapist, plan):
    client.force_login(therapist)

    response = client.get(reverse("patients:plan_update", args=[plan.episode_id]))

    assert f'value="{version_token(plan)}"' in response.text


def test_saving_a_note_opened_before_someone_saved_it_is_refused(client, therapist, episode):
    note = SessionNoteFactory(episode=episode, author=therapist, subjective="Eerste versie")
    url = reverse("patients:note_update", args=[note.pk])
    opened_at = version_token(note)
    client.force_login(therapist)
    client.post(url, {"session_on": TODAY, "subjective": "Uit tabblad een", "seen_version": opened_at})

    response = client.post(url, {"session_on": TODAY, "subjective": "Uit tabblad twee", "seen_version": opened_at})

    assert refused_as_changed(response)
    assert "Uit tabblad twee" in response.text
    assert SessionNote.objects.get().subjective == "Uit tabblad een"


def test_note_service_refuses_an_outdated_version_and_accepts_the_current_one(therapist, episode):
    note = SessionNoteFactory(episode=episode, author=therapist)
    stale = version_token(note)
    services.note_update(note=note, acting_user=therapist, seen_version=stale, fields={"subjective": "Een"})

    with pytest.raises(ValidationError) as refused:
        services.note_update(note=note, acting_user=therapist, seen_version=stale, fields={"subjective": "Twee"})

    assert refused.value.code == "changed_elsewhere"
    note.refresh_from_db()
    services.note_update(
        note=note, acting_user=therapist, seen_version=version_token(note), fields={"subjective": "Drie"}
    )
    assert SessionNote.objects.get().subjective == "Drie"


def test_plan_service_refuses_an_outdated_version(therapist, plan):
    stale = version_token(plan)
    plan.planned_sessions = 9
    plan.save()
    fields = {"pelvic_floor_class": "", "analysis": "", "started_on": plan.started_on}
    fields |= {"review_on": plan.review_on, "planned_sessions": 12, "gp_consult_advised": False}

    with pytest.raises(ValidationError):
        plan_services.plan_update(
            plan=plan, fields=fields, goals=[], reason="", justification="", acting_user=therapist, seen_version=stale
        )

    assert TreatmentPlan.objects.get().planned_sessions == 9


# --- once-only submit ---------------------------------------------------------------------------


def post_twice(client, url, data):
    token = str(uuid.uuid4())
    first = client.post(url, {**data, "submission": token})
    second = client.post(url, {**data, "submission": token})
    return first, second


def test_patient_form_sent_twice_registers_one_patient(client, therapist):
    client.force_login(therapist)
    data = {
        "first_name": "Sanne",
        "last_name": "Jansen",
        "date_of_birth": "1990-04-02",
        "sex": "female",
        "referral_type": "direct_access",
        "responsible_therapist": therapist.pk,
    }

    first, second = post_twice(client, reverse("patients:patient_create"), data)

    patient = Patient.objects.get()
    assert first.url == second.url == patient.get_absolute_url()
    assert AccessLogEntry.objects.filter(action=AccessAction.CREATE).count() == 1


def test_note_form_sent_twice_writes_one_note(client, therapist, episode):
    client.force_login(therapist)

    first, second = post_twice(
        client, reverse("patients:note_create", args=[episode.pk]), {"session_on": TODAY, "subjective": "Beter"}
    )

    assert SessionNote.objects.count() == 1
    assert second.status_code == 302 and second.url == first.url


def test_the_daily_run_removes_one_time_tokens_older_than_a_day(client, therapist, episode):
    client.force_login(therapist)
    url = reverse("patients:note_create", args=[episode.pk])
    with time_machine.travel(timezone.now() - datetime.timedelta(hours=25)):
        post_twice(client, url, {"session_on": TODAY, "subjective": "Gisteren"})
    recent = post_twice(client, url, {"session_on": TODAY, "subjective": "Vandaag"})[0]

    call_command("send_reminders", stdout=io.StringIO())

    assert list(FormSubmission.objects.values_list("result_url", flat=True)) == [recent.url]


def test_diary_line_sent_twice_is_saved_once(client, patient_user, therapist):
    PatientFactory(practice=therapist.practice, responsible_therapist=therapist, user=patient_user)
    client.force_login(patient_user)
    now = (timezone.localtime() - datetime.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")
    data = {"recorded_at": now, "moment": "day", "voided_ml": "280", "leakage": "none", "urge": "2"}

    post_twice(client, reverse("portal:bladder_new"), data)

    assert BladderEntry.objects.count() == 1


def test_therapist_diary_line_sent_twice_is_saved_and_logged_once(client, therapist):
    patient = PatientFactory(practice=therapist.practice, responsible_therapist=therapist)
    client.force_login(therapist)
    now = (timezone.localtime() - datetime.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")
    data = {"recorded_at": now, "moment": "day", "voided_ml": "280", "leakage": "none", "urge": "2"}

    post_twice(client, reverse("programs:therapist_bladder_new", args=[patient.pk]), data)

    assert BladderEntry.objects.count() == 1
    assert AccessLogEntry.objects.filter(action=AccessAction.CREATE, patient=patient).count() == 1


def test_a_form_refused_for_bad_input_can_be_sent_again_with_the_same_token(client, therapist, episode):
    client.force_login(therapist)
    url, token = reverse("patients:note_create", args=[episode.pk]), str(uuid.uuid4())

    refused = client.post(url, {"session_on": "", "subjective": "Beter", "submission": token})
    saved = client.post(url, {"session_on": TODAY, "subjective": "Beter", "submission": token})

    assert refused.status_code == 200 and saved.status_code == 302
    assert SessionNote.objects.count() == 1


def test_create_form_carries_a_fresh_token_each_time_it_is_opened(client, therapist):
    client.force_login(therapist)

    first = client.get(reverse("patients:patient_create")).context["form"]["submission"].value()
    second = client.get(reverse("patients:patient_create")).context["form"]["submission"].value()

    assert first and second and first != second


def test_booking_sent_twice_plans_one_appointment_and_shows_it_not_a_clash(client, therapist, episode):
    client.force_login(therapist)
    url = reverse("patients:appointment_create", args=[episode.pk])
    starts_at = timezone.localtime(next_weekday_at(10, days_ahead=2)).strftime("%Y-%m-%dT%H:%M")
    data = {"starts_at": starts_at, "duration_minutes": 30, "kind": "treatment", "therapist": therapist.pk}
    first, second = post_twice(client, url, data)
    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    assert Appointment.objects.filter(episode=episode).count() == 1
    page = client.get(second.url).content.decode()
    assert "Dit formulier was al verstuurd" in page


def routed_views(patterns=None):
    """Yield the class of every class-based view the URLconf routes to."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from routed_views(pattern.url_patterns)
        elif view_class := getattr(pattern.callback, "view_class", None):
            yield view_class


def test_every_create_form_is_saved_once_however_often_it_is_sent():
    creating = {view for view in routed_views() if view.__name__.endswith("CreateView")}
    assert len(creating) > 15
    assert not [view.__name__ for view in creating if not issubclass(view, OnceOnlyFormMixin)]
