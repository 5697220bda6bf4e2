"""The therapist's work through the pages: what is saved, what is refused and what is shown."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clinic.choices import AccessAction, AccessOutcome, Role
from clinic.concurrency import version_token
from clinic.models import AccessLogEntry
from patients.choices import EpisodeStatus, ReferralType
from patients.models import (
    Assessment,
    CareEpisode,
    Classification,
    Consent,
    Intake,
    OutcomeMeasure,
    Patient,
    RedFlagScreening,
    SessionNote,
)
from patients.models.screening import RED_FLAG_FIELDS
from patients.views.episode import NOTES_LATEST
from tests.factories import (
    AssessmentFactory,
    CareEpisodeFactory,
    ConsentFactory,
    IntakeFactory,
    PatientFactory,
    RedFlagScreeningFactory,
    SessionNoteFactory,
    TherapistFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def client_therapist(client, therapist):
    client.force_login(therapist)
    return client


def patient_data(therapist, **overrides):
    data = {
        "first_name": "Sanne",
        "last_name": "Jansen",
        "date_of_birth": "1990-04-02",
        "sex": "female",
        "referral_type": "direct_access",
        "responsible_therapist": therapist.pk,
        "bsn": "",
    }
    return {**data, **overrides}


def no_flags(**answers):
    return dict.fromkeys(RED_FLAG_FIELDS, "False") | answers


# --- patients -----------------------------------------------------------------------------------


def test_therapist_registers_a_patient_and_it_is_logged(client_therapist, therapist):
    response = client_therapist.post(reverse("patients:patient_create"), patient_data(therapist, bsn="111222333"))
    patient = Patient.objects.get()
    assert response.url == patient.get_absolute_url()
    assert patient.practice == therapist.practice
    entry = AccessLogEntry.objects.get(action=AccessAction.CREATE)
    assert (entry.patient, entry.user, entry.part) == (patient, therapist, "patient")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date_of_birth", (TODAY + datetime.timedelta(days=1)).isoformat()),
        ("date_of_birth", "1899-12-31"),
        ("bsn", "123456789"),
    ],
)
def test_bad_patient_input_is_refused_next_to_the_field_and_kept(client_therapist, therapist, field, value):
    response = client_therapist.post(reverse("patients:patient_create"), patient_data(therapist, **{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert response.context["form"]["last_name"].value() == "Jansen"
    assert not Patient.objects.exists()
    assert AccessLogEntry.objects.get().outcome == AccessOutcome.FAILED


def test_gp_referral_needs_the_referrer(client_therapist, therapist):
    response = client_therapist.post(
        reverse("patients:patient_create"), patient_data(therapist, referral_type="gp_referral")
    )
    assert response.status_code == 200
    assert not Patient.objects.exists()


def test_therapist_of_other_practice_cannot_be_made_responsible(client_therapist, therapist, other_therapist):
    response = client_therapist.post(
        reverse("patients:patient_create"), patient_data(therapist, responsible_therapist=other_therapist.pk)
    )
    assert response.context["form"].errors["responsible_therapist"]
    assert not Patient.objects.exists()


def test_archive_keeps_the_record_and_hides_it_from_the_list(client_therapist, patient):
    client_therapist.post(reverse("patients:patient_archive", args=[patient.pk]))
    patient.refresh_from_db()
    assert patient.is_archived
    assert patient not in client_therapist.get(reverse("patients:patient_list")).context["object_list"]
    shown = client_therapist.get(reverse("patients:patient_list"), {"archived": "on"}).context["object_list"]
    assert patient in shown
    client_therapist.post(reverse("patients:patient_unarchive", args=[patient.pk]))
    patient.refresh_from_db()
    assert not patient.is_archived


def test_create_and_invite_patient_account(client_therapist, patient, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_therapist.post(reverse("patients:patient_invite", args=[patient.pk]))
    patient.refresh_from_db()
    assert patient.user.role == Role.PATIENT
    assert patient.user.practice == patient.practice
    assert mail.outbox[0].to == [patient.email]
    response = client_therapist.post(reverse("patients:patient_invite", args=[patient.pk]), follow=True)
    assert [message.level_tag for message in response.context["messages"]][-1] == "error"


def test_invite_without_email_is_refused(client_therapist, patient):
    patient.email = ""
    patient.save()
    response = client_therapist.post(reverse("patients:patient_invite", args=[patient.pk]), follow=True)
    patient.refresh_from_db()
    assert patient.user is None
    assert [message.level_tag for message in response.context["messages"]][-1] == "error"


def test_patient_list_searches_name_birth_date_and_bsn_and_filters(client_therapist, therapist):
    match = PatientFactory(practice=therapist.practice, last_name="Zwart", bsn="111222333")
    other = PatientFactory(practice=therapist.practice, last_name="Wit")
    CareEpisodeFactory(patient=other, status=EpisodeStatus.DISCHARGED)
    url = reverse("patients:patient_list")
    assert list(client_therapist.get(url, {"q": "zwa"}).context["object_list"]) == [match]
    assert list(client_therapist.get(url, {"q": "111222333"}).context["object_list"]) == [match]
    birth = match.date_of_birth.strftime("%d-%m-%Y")
    assert match in client_therapist.get(url, {"q": birth}).context["object_list"]
    assert list(client_therapist.get(url, {"status": "discharged"}).context["object_list"]) == [other]
    entry = AccessLogEntry.objects.filter(action=AccessAction.SEARCH).first()
    assert entry.part == "patient_list"
    assert "discharged" in entry.detail


def test_patient_list_row_shows_name_birth_date_therapist_open_episodes_and_archived(client_therapist, therapist):
    patient = PatientFactory(
        practice=therapist.practice,
        responsible_therapist=therapist,
        first_name="Ria",
        last_name="Rijsdijk",
        date_of_birth=datetime.date(1970, 2, 3),
        archived_at=timezone.now(),
    )
    CareEpisodeFactory(patient=patient)
    CareEpisodeFactory(patient=patient, status=EpisodeStatus.DISCHARGED)

    page = client_therapist.get(reverse("patients:patient_list"), {"archived": "on"}).text

    row = page[page.index(f'<a href="{patient.get_absolute_url()}">') :].split("</tr>")[0]
    assert "Rijsdijk, Ria</a>" in row
    assert 'class="badge text-bg-secondary"' in row
    assert "<td>03-02-1970</td>" in row
    assert f"<td>{therapist.get_full_name()}</td>" in row
    assert "<td>1</td>" in row


def test_patient_list_pages_on_without_counting_the_practice(client_therapist, therapist):
    PatientFactory.create_batch(27, practice=therapist.practice, last_name="Jansen")

    with CaptureQueriesContext(connection) as captured:
        first = client_therapist.get(reverse("patients:patient_list"), {"q": "jansen"})
    second = client_therapist.get(reverse("patients:patient_list"), {"q": "jansen", "page": 2})

    assert len(first.context["object_list"]) == 25 and "q=jansen&amp;page=2" in first.text
    assert len(second.context["object_list"]) == 2
    assert not any("COUNT(*)" in query["sql"] for query in captured.captured_queries)


def test_patient_list_filters_on_a_therapist_of_the_own_practice_only(client_therapist, therapist, other_therapist):
    colleague = TherapistFactory(practice=therapist.practice, first_name="Joke", last_name="Collega")
    PatientFactory(practice=therapist.practice, responsible_therapist=therapist)
    theirs = PatientFactory(practice=therapist.practice, responsible_therapist=colleague)
    url = reverse("patients:patient_list")

    response = client_therapist.get(url, {"therapist": colleague.pk})

    assert list(response.context["object_list"]) == [theirs]
    assert f'<option value="{colleague.pk}" selected>Joke Collega</option>' in response.text
    assert f'<option value="{other_therapist.pk}"' not in response.text
    assert client_therapist.get(url, {"therapist": other_therapist.pk}).context["filter"].form.errors["therapist"]


# --- episode and screening ----------------------------------------------------------------------


def test_new_episode_starts_with_screening(client_therapist, therapist, patient):
    client_therapist.post(
        reverse("patients:episode_create", args=[patient.pk]),
        {"main_complaint": "Urineverlies", "started_on": TODAY.isoformat(), "therapist": therapist.pk},
    )
    assert CareEpisode.objects.get().status == EpisodeStatus.SCREENING


def test_screening_without_red_flags_moves_the_episode_to_intake(client_therapist, episode):
    episode.status = EpisodeStatus.SCREENING
    episode.save()
    response = client_therapist.post(
        reverse("patients:screening", args=[episode.pk]),
        {"screened_on": TODAY.isoformat(), **no_flags(), "decision": "continue"},
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.status == EpisodeStatus.INTAKE


def test_every_red_flag_must_be_answered(client_therapist, episode):
    data = no_flags()
    del data["saddle_anaesthesia"]
    response = client_therapist.post(reverse("patients:screening", args=[episode.pk]), {"screened_on": TODAY, **data})
    assert response.context["form"].errors["saddle_anaesthesia"]
    assert not RedFlagScreening.objects.exists()


def test_red_flag_shows_a_warning_and_blocks_treatment(client_therapist, episode):
    episode.status = EpisodeStatus.SCREENING
    episode.save()
    url = reverse("patients:screening", args=[episode.pk])
    client_therapist.post(
        url,
        {"screened_on": TODAY, **no_flags(saddle_anaesthesia="True"), "red_flags_confirmed": "saddle_anaesthesia"},
    )
    screening = RedFlagScreening.objects.get()
    assert screening.saddle_anaesthesia and not screening.decision
    page = client_therapist.get(episode.get_absolute_url())
    assert "red-flag-alert" in page.text
    assert "Leg een besluit vast" in page.text
    episode.refresh_from_db()
    assert episode.status == EpisodeStatus.SCREENING

    response = client_therapist.post(
        reverse("patients:episode_update", args=[episode.pk]),
        {
            "main_complaint": "X",
            "started_on": episode.started_on,
            "therapist": episode.therapist_id,
            "status": "in_treatment",
        },
    )
    assert response.context["form"].errors["status"]


def test_red_flag_cannot_simply_continue_and_needs_gp_advice(client_therapist, episode):
    url = reverse("patients:screening", args=[episode.pk])
    flags = no_flags(fever_or_malaise="True")
    response = client_therapist.post(url, {"screened_on": TODAY, **flags, "decision": "continue"})
    assert response.status_code == 200
    response = client_therapist.post(url, {"screened_on": TODAY, **flags, "decision": "refer"})
    assert response.status_code == 200
    assert not RedFlagScreening.objects.exists()
    response = client_therapist.post(
        url,
        {
            "screened_on": TODAY,
            **flags,
            "decision": "gp_clearance",
            "gp_contact_advised": "on",
            "red_flags_confirmed": "fever_or_malaise",
        },
    )
    assert response.status_code == 302


def test_new_screening_preselects_no_answer_and_offers_no_first(client_therapist, episode):
    response = client_therapist.get(reverse("patients:screening", args=[episode.pk]))
    form = response.context["form"]
    assert not any(form[name].value() for name in RED_FLAG_FIELDS)
    assert "checked" not in str(form["saddle_anaesthesia"])
    labels = [choice.choice_label for choice in form["saddle_anaesthesia"]]
    assert labels == ["Nee", "Ja"]


def test_red_flags_found_are_summarised_before_they_are_saved(client_therapist, episode):
    url = reverse("patients:screening", args=[episode.pk])
    data = {"screened_on": TODAY, **no_flags(saddle_anaesthesia="True", fever_or_malaise="True"), "notes": "Belde"}

    response = client_therapist.post(url, data)

    assert response.status_code == 200
    assert not RedFlagScreening.objects.exists()
    assert "U heeft bij 2 alarmsignalen ja geantwoord" in response.text
    summary = response.text.split('id="red-flag-summary"')[1].split("</div>")[0]
    assert "Koorts" in summary and "Gevoelloosheid" in summary
    assert "Belde" in response.text
    assert 'value="fever_or_malaise,saddle_anaesthesia"' in summary

    changed = client_therapist.post(url, data | no_flags(fever_or_malaise="True") | {"red_flags_confirmed": "x"})
    assert changed.status_code == 200 and not RedFlagScreening.objects.exists()

    client_therapist.post(url, data | {"red_flags_confirmed": "fever_or_malaise,saddle_anaesthesia"})
    screening = RedFlagScreening.objects.get()
    assert screening.saddle_anaesthesia and screening.fever_or_malaise


def test_correcting_a_screening_does_not_ask_again_for_flags_already_saved(client_therapist, episode):
    url = reverse("patients:screening", args=[episode.pk])
    flags = no_flags(fever_or_malaise="True")
    client_therapist.post(url, {"screened_on": TODAY, **flags, "red_flags_confirmed": "fever_or_malaise"})

    response = client_therapist.post(url, {"screened_on": TODAY, **flags, "notes": "Huisarts gebeld"})

    assert response.status_code == 302
    assert RedFlagScreening.objects.get().notes == "Huisarts gebeld"


def test_direct_access_without_screening_cannot_be_put_in_treatment(client_therapist, episode):
    assert episode.patient.referral_type == ReferralType.DIRECT_ACCESS
    response = client_therapist.post(
        reverse("patients:episode_update", args=[episode.pk]),
        {
            "main_complaint": "X",
            "started_on": episode.started_on,
            "therapist": episode.therapist_id,
            "status": "in_treatment",
        },
    )
    assert response.context["form"].errors["status"]


# --- intake and consent -------------------------------------------------------------------------


def intake_data(**overrides):
    data = {
        "taken_on": TODAY.isoformat(),
        "area_urinary": "on",
        "pregnancy_status": "postpartum",
        "menopause_status": "not_applicable",
        "uses_anticoagulants": "True",
        "fear_of_needles": "False",
        "psk_activity_1": "Tillen",
        "psk_score_1": "7",
        "births-TOTAL_FORMS": "1",
        "births-INITIAL_FORMS": "0",
        "births-MIN_NUM_FORMS": "0",
        "births-MAX_NUM_FORMS": "15",
        "births-0-year": "2026",
        "births-0-mode": "vacuum",
        "births-0-perineal_trauma": "second_degree",
    }
    return {**data, **overrides}


def test_intake_with_birth_and_anticoagulants(client_therapist, episode):
    response = client_therapist.post(reverse("patients:intake", args=[episode.pk]), intake_data())
    assert response.status_code == 302
    intake = Intake.objects.get()
    assert intake.uses_anticoagulants is True
    assert intake.is_postpartum
    assert intake.births.get().mode == "vacuum"


@pytest.mark.parametrize("question", ["uses_anticoagulants", "fear_of_needles"])
def test_intake_needling_questions_must_be_answered(client_therapist, episode, question):
    data = intake_data()
    del data[question]
    response = client_therapist.post(reverse("patients:intake", args=[episode.pk]), data)
    assert response.context["form"].errors[question]
    assert not Intake.objects.exists()


def test_intake_asks_about_fear_of_needles_without_a_preselected_answer(client_therapist, episode):
    page = client_therapist.get(reverse("patients:intake", args=[episode.pk]))
    assert "Is bang voor naalden" in page.text
    assert "checked" not in str(page.context["form"]["fear_of_needles"])
    client_therapist.post(reverse("patients:intake", args=[episode.pk]), intake_data(fear_of_needles="True"))
    assert Intake.objects.get().fear_of_needles is True


def test_intake_hides_the_weeks_of_pregnancy_unless_pregnant_and_shows_the_medication(client_therapist, episode):
    page = client_therapist.get(reverse("patients:intake", args=[episode.pk]))
    assert 'data-shown-when="pregnancy_status=pregnant"' in page.text
    client_therapist.post(
        reverse("patients:intake", args=[episode.pk]),
        intake_data(pregnancy_weeks="20", medication="Ibuprofen 400 mg zo nodig"),
    )
    assert Intake.objects.get().pregnancy_weeks is None
    assert "Ibuprofen 400 mg zo nodig" in client_therapist.get(episode.get_absolute_url()).text


def test_intake_psk_score_out_of_range_is_refused(client_therapist, episode):
    response = client_therapist.post(reverse("patients:intake", args=[episode.pk]), intake_data(psk_score_1="11"))
    assert response.context["form"].errors["psk_score_1"]
    assert not Intake.objects.exists()


def test_consent_is_recorded_and_withdrawn(client_therapist, therapist, patient):
    client_therapist.post(
        reverse("patients:consent_create", args=[patient.pk]),
        {
            "kind": "internal_vaginal",
            "given_by": str(patient),
            "given_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    consent = Consent.objects.get()
    assert consent.recorded_by == therapist
    client_therapist.post(reverse("patients:consent_withdraw", args=[consent.pk]))
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawal_recorded_by == therapist


# --- assessment and classification --------------------------------------------------------------


def assessment_data(**overrides):
    return {"assessed_on": TODAY.isoformat(), "internal_route": "none", **overrides}


def test_internal_examination_without_consent_is_refused(client_therapist, episode):
    url = reverse("patients:assessment_create", args=[episode.pk])
    response = client_therapist.post(url, assessment_data(internal_route="vaginal", oxford_power="3"))
    assert response.status_code == 200
    assert response.context["form"].errors["internal_route"]
    assert response.context["form"]["oxford_power"].value() == "3"
    assert not Assessment.objects.exists()


def test_withdrawn_or_other_route_consent_does_not_count(client_therapist, episode):
    ConsentFactory(patient=episode.patient, kind="internal_vaginal", withdrawn_at=timezone.now())
    ConsentFactory(patient=episode.patient, kind="internal_rectal")
    url = reverse("patients:assessment_create", args=[episode.pk])
    response = client_therapist.post(url, assessment_data(internal_route="vaginal"))
    assert response.context["form"].errors["internal_route"]
    assert client_therapist.post(url, assessment_data(internal_route="rectal")).status_code == 302


def test_internal_examination_with_consent_is_saved(client_therapist, episode):
    ConsentFactory(patient=episode.patient, kind="internal_vaginal")
    url = reverse("patients:assessment_create", args=[episode.pk])
    response = client_therapist.post(
        url,
        assessment_data(
            internal_route="vaginal", resting_tone="high", oxford_power="2", relaxation="partial", endurance_seconds="5"
        ),
    )
    assessment = Assessment.objects.get()
    assert response.url == assessment.get_absolute_url()
    page = client_therapist.get(response.url)
    assert page.context["suggestion"].pelvic_floor_class == "overactive"


@pytest.mark.parametrize(
    ("field", "value"), [("oxford_power", "6"), ("palpation_pain_nrs", "11"), ("endurance_seconds", "500")]
)
def test_assessment_values_out_of_range_are_refused(client_therapist, episode, field, value):
    response = client_therapist.post(
        reverse("patients:assessment_create", args=[episode.pk]), assessment_data(**{field: value})
    )
    assert response.context["form"].errors[field]
    assert not Assessment.objects.exists()


def test_assessment_page_shows_every_recorded_perfect_part_and_the_findings_against_the_suggestion(
    client_therapist, episode
):
    assessment = AssessmentFactory(
        episode=episode,
        resting_tone="high",
        relaxation="partial",
        oxford_power=2,
        endurance_seconds=6,
        elevation="partly",
        co_contraction="billen",
        cough_reflex="delayed",
    )
    page = client_therapist.get(reverse("patients:assessment_detail", args=[assessment.pk]))
    assert 'title="elevatie">E</abbr> Heft een beetje' in page.text
    assert 'title="meebewegen van andere spieren">C</abbr> billen' in page.text
    assert 'title="timing">T</abbr> Vertraagd' in page.text
    assert "Wijst de andere kant op:" in page.text
    assert "Oxford 2" in page.text
    assert "De bevindingen zijn gemengd" in page.text


def test_classification_keeps_the_suggestion_but_the_therapist_decides(client_therapist, episode):
    RedFlagScreeningFactory(episode=episode)
    episode.status = EpisodeStatus.INTAKE
    episode.save()
    assessment = AssessmentFactory(episode=episode, resting_tone="high", relaxation="absent")
    page = client_therapist.get(reverse("patients:classification_create", args=[episode.pk]))
    assert page.context["suggestion"].pelvic_floor_class == "overactive"
    assert page.context["form"]["pelvic_floor_class"].value() is None
    client_therapist.post(
        reverse("patients:classification_create", args=[episode.pk]),
        {"classified_on": TODAY.isoformat(), "assessment": assessment.pk, "pelvic_floor_class": "underactive"},
    )
    classification = Classification.objects.get()
    assert classification.pelvic_floor_class == "underactive"
    assert classification.suggested_class == "overactive"
    assert classification.differs_from_suggestion
    episode.refresh_from_db()
    assert episode.status == EpisodeStatus.IN_TREATMENT


# --- outcome measures -----------------------------------------------------------------------------


def test_iciq_total_is_computed(client_therapist, episode):
    client_therapist.post(
        reverse("patients:measure_create", args=[episode.pk, "iciq_ui_sf"]),
        {"measured_on": TODAY.isoformat(), "iciq_frequency": "3", "iciq_amount": "4", "iciq_impact": "6", "total": "1"},
    )
    assert OutcomeMeasure.objects.get().total == 13


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("nrs_pain", {"score": "11"}, "score"),
        ("pgi_i", {"score": "0"}, "score"),
        ("iciq_ui_sf", {"iciq_frequency": "6", "iciq_amount": "2", "iciq_impact": "3"}, "iciq_frequency"),
        ("iciq_ui_sf", {"iciq_frequency": "2", "iciq_amount": "3", "iciq_impact": "3"}, "iciq_amount"),
        ("iciq_ui_sf", {"iciq_frequency": "2", "iciq_amount": "2", "iciq_impact": "11"}, "iciq_impact"),
        ("psk", {"psk_score_1": "12"}, "psk_score_1"),
    ],
)
def test_measure_out_of_range_is_refused(client_therapist, episode, kind, data, field):
    response = client_therapist.post(
        reverse("patients:measure_create", args=[episode.pk, kind]), {"measured_on": TODAY.isoformat(), **data}
    )
    assert response.context["form"].errors[field]
    assert not OutcomeMeasure.objects.exists()


def test_a_measure_dated_before_the_episode_is_kept_only_once_the_therapist_confirms_it(client_therapist, episode):
    url = reverse("patients:measure_create", args=[episode.pk, "nrs_pain"])
    day_before = (episode.started_on - datetime.timedelta(days=1)).isoformat()
    response = client_therapist.post(url, {"measured_on": day_before, "score": "6"})
    assert "De behandelepisode is begonnen op" in str(response.context["form"].errors["measured_on"])
    assert 'type="checkbox" name="date_before_episode"' in response.text
    assert response.context["form"]["score"].value() == "6"
    assert not OutcomeMeasure.objects.exists()
    client_therapist.post(url, {"measured_on": day_before, "score": "6", "date_before_episode": "on"})
    assert OutcomeMeasure.objects.get().measured_on == episode.started_on - datetime.timedelta(days=1)


def test_a_measure_dated_before_the_referral_is_refused_even_when_confirmed(client_therapist, episode):
    episode.patient.referral_date = episode.started_on - datetime.timedelta(days=7)
    episode.patient.save()
    before_referral = (episode.started_on - datetime.timedelta(days=8)).isoformat()
    response = client_therapist.post(
        reverse("patients:measure_create", args=[episode.pk, "nrs_pain"]),
        {"measured_on": before_referral, "score": "6", "date_before_episode": "on"},
    )
    assert "vóór de verwijzing" in str(response.context["form"].errors["measured_on"])
    assert not OutcomeMeasure.objects.exists()


def test_psk_measure_is_labelled_with_the_intake_activities(client_therapist, episode):
    IntakeFactory(episode=episode, psk_activity_1="Traplopen")
    page = client_therapist.get(reverse("patients:measure_create", args=[episode.pk, "psk"]))
    assert page.context["form"].fields["psk_score_1"].label == "Traplopen"


def test_episode_page_shows_measures_as_table_and_chart(client_therapist, episode):
    for week, score in enumerate([7, 5, 3]):
        client_therapist.post(
            reverse("patients:measure_create", args=[episode.pk, "nrs_pain"]),
            {"measured_on": (TODAY - datetime.timedelta(days=3 * (3 - week))).isoformat(), "score": str(score)},
        )
    page = client_therapist.get(episode.get_absolute_url())
    assert "<svg" in page.text and "<polyline" in page.text
    assert len(page.context["charts"][0].series[0].points) == 3


# --- session notes --------------------------------------------------------------------------------


def test_note_draft_sign_and_addendum(client_therapist, therapist, episode):
    client_therapist.post(
        reverse("patients:note_create", args=[episode.pk]), {"session_on": TODAY.isoformat(), "subjective": "Beter."}
    )
    note = SessionNote.objects.get()
    assert not note.is_signed
    client_therapist.post(
        reverse("patients:note_update", args=[note.pk]),
        {"session_on": TODAY, "subjective": "Veel beter.", "seen_version": version_token(note)},
    )
    client_therapist.post(reverse("patients:note_sign", args=[note.pk]))
    note.refresh_from_db()
    assert note.subjective == "Veel beter." and note.is_signed

    response = client_therapist.post(reverse("patients:note_sign", args=[note.pk]), follow=True)
    assert [message.level_tag for message in response.context["messages"]][-1] == "error"

    response = client_therapist.post(
        reverse("patients:note_update", args=[note.pk]), {"session_on": TODAY, "subjective": "Anders."}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    note.refresh_from_db()
    assert note.subjective == "Veel beter."

    response = client_therapist.get(reverse("patients:note_update", args=[note.pk]))
    assert response.url == reverse("patients:addendum_create", args=[note.pk])

    client_therapist.post(reverse("patients:addendum_create", args=[note.pk]), {"text": "Aanvulling."})
    addendum = note.addenda.get()
    assert addendum.author == therapist and addendum.signed_at
    page = client_therapist.get(episode.get_absolute_url())
    assert "Aanvulling." in page.text


@pytest.mark.parametrize("blank", ["", "   "])
def test_an_empty_draft_note_is_refused_when_saved(client_therapist, episode, blank):
    response = client_therapist.post(
        reverse("patients:note_create", args=[episode.pk]),
        {"session_on": TODAY.isoformat(), "subjective": blank, "plan": blank},
    )
    assert response.status_code == 200
    assert "Vul minstens één van de vier onderdelen in" in response.text
    assert not SessionNote.objects.exists()


def test_a_soap_part_longer_than_its_limit_is_refused_and_the_limit_is_shown(client_therapist, episode):
    url = reverse("patients:note_create", args=[episode.pk])
    assert 'maxlength="3000"' in client_therapist.get(url).text
    assert "Hoogstens 3000 tekens." in client_therapist.get(url).text
    response = client_therapist.post(url, {"session_on": TODAY.isoformat(), "subjective": "x" * 3001})
    assert response.context["form"].errors["subjective"]
    assert "x" * 3001 in response.text
    assert not SessionNote.objects.exists()


def test_a_long_note_is_folded_on_the_episode_page_and_a_short_one_is_not(client_therapist, episode):
    SessionNoteFactory(episode=episode, subjective="Kort.", plan="")
    SessionNoteFactory(episode=episode, subjective="Begin van een lang verslag. " + "woord " * 300, plan="")
    page = client_therapist.get(episode.get_absolute_url()).text
    assert page.count('<details class="soap-fold">') == 1
    assert "Hele notitie tonen" in page
    assert "Begin van een lang verslag." in page.split('<details class="soap-fold">')[1].split("</summary>")[0]


def test_episode_page_shows_the_latest_notes_and_links_to_all_of_them(client_therapist, episode):
    for number in range(NOTES_LATEST + 2):
        SessionNoteFactory(episode=episode, session_on=episode.started_on + datetime.timedelta(days=number))
    oldest = episode.notes.order_by("session_on").first()
    page = client_therapist.get(episode.get_absolute_url()).text
    assert page.count("<article ") == NOTES_LATEST
    assert f'id="note-{oldest.pk}"' not in page
    assert '?notes=all#notes-heading"' in page
    for query in ({"notes": "all"}, {"print": "1"}):
        whole = client_therapist.get(episode.get_absolute_url(), query).text
        assert whole.count("<article ") == NOTES_LATEST + 2
        assert "#notes-heading" not in whole


def test_an_addendum_to_an_older_note_returns_to_that_note(client_therapist, episode):
    note = SessionNoteFactory(episode=episode, signed_at=timezone.now())
    response = client_therapist.post(reverse("patients:addendum_create", args=[note.pk]), {"text": "Aanvulling."})
    assert response.url == episode.get_absolute_url() + f"?notes=all#note-{note.pk}"


def test_addendum_on_a_draft_is_refused(client_therapist, episode):
    note = SessionNoteFactory(episode=episode)
    response = client_therapist.post(reverse("patients:addendum_create", args=[note.pk]), {"text": "X"})
    assert response.status_code == 200
    assert not note.addenda.exists()


def test_colleague_cannot_sign_or_edit_my_draft(client, practice, episode):
    from tests.factories import TherapistFactory

    colleague = TherapistFactory(practice=practice)
    note = SessionNoteFactory(episode=episode)
    client.force_login(colleague)
    client.post(reverse("patients:note_sign", args=[note.pk]))
    client.post(reverse("patients:note_update", args=[note.pk]), {"session_on": TODAY, "subjective": "X"})
    note.refresh_from_db()
    assert not note.is_signed and note.subjective != "X"


def test_printing_an_episode_is_logged_as_print(client_therapist, episode):
    response = client_therapist.get(episode.get_absolute_url(), {"print": "1"})
    assert "data-autoprint" in response.text
    assert AccessLogEntry.objects.get(patient=episode.patient).action == AccessAction.PRINT
