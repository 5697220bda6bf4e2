"""The guideline's messages to the GP: composed per kind, due when the record says so, fixed once signed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from patients.choices import ConsentKind, EpisodeStatus, LetterKind, LetterStatus, ReferralType
from patients.documents.letters import compose_letter
from patients.models import EpisodeSignals, GPLetter
from patients.services.letters import letter_send, letter_update
from tests.factories import (
    AssessmentFactory,
    CareEpisodeFactory,
    ClassificationFactory,
    ConsentFactory,
    DischargeFactory,
    GPLetterFactory,
    OutcomeMeasureFactory,
    PatientFactory,
    RedFlagScreeningFactory,
    SessionNoteFactory,
    TreatmentPlanFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def days_ago(count):
    return TODAY - datetime.timedelta(days=count)


def referred_episode(therapist, **kwargs):
    patient = PatientFactory(
        practice=therapist.practice,
        responsible_therapist=therapist,
        referral_type=ReferralType.GP_REFERRAL,
        referrer_name="Dr. Smit",
        referral_date=days_ago(30),
        gp_name="Dr. Smit",
    )
    ConsentFactory(patient=patient, kind=ConsentKind.GP_DATA_SHARING)
    return CareEpisodeFactory(patient=patient, **kwargs)


def signals(episode):
    return EpisodeSignals.objects.get(episode=episode)


def compose(episode, kind, language="en"):
    with translation.override(language):
        return compose_letter(episode=episode, kind=kind, author=episode.therapist)[1]


def test_the_screening_message_says_no_red_flags_and_that_examination_follows(therapist):
    episode = CareEpisodeFactory(patient__practice=therapist.practice, therapist=therapist)
    RedFlagScreeningFactory(episode=episode, screened_on=datetime.date(2026, 3, 2))
    body = compose(episode, LetterKind.SCREENING)
    assert "came to our practice without a referral" in body
    assert "Conclusion of the screening\nWe found no signs that call for a medical assessment first" in body
    assert "examination is indicated" in body
    nl = compose(episode, LetterKind.SCREENING, "nl")
    assert "(pluis)" in nl and "2 maart 2026" in nl and " je " not in nl


def test_the_screening_message_names_the_red_flags_and_the_advice_to_see_the_gp(therapist):
    episode = CareEpisodeFactory(patient__practice=therapist.practice, therapist=therapist)
    RedFlagScreeningFactory(
        episode=episode,
        unexplained_bleeding=True,
        gp_contact_advised=True,
        advice_notes="Vandaag nog de huisarts bellen.",
        decision="refer",
    )
    body = compose(episode, LetterKind.SCREENING)
    assert " we found signs that need a medical assessment first: " in body
    assert "Screening\nRed-flag screening" not in body
    assert "We advised the patient to contact you." in body
    assert "Advice given: Vandaag nog de huisarts bellen." in body
    assert "examination is indicated" not in body
    assert "(niet-pluis)" in compose(episode, LetterKind.SCREENING, "nl")


def test_the_reply_to_the_referral_names_the_referral_complaint_class_findings_and_plan(therapist):
    episode = referred_episode(therapist)
    AssessmentFactory(episode=episode, resting_tone="high")
    ClassificationFactory(episode=episode, pelvic_floor_class="overactive")
    TreatmentPlanFactory(episode=episode, planned_sessions=8, analysis="Overactieve bekkenbodem.")
    OutcomeMeasureFactory(episode=episode, score=6, total=6)
    body = compose(episode, LetterKind.REFERRAL_ANSWER)
    assert body.startswith("Dear Dr. Smit,\n\nThank you for referring")
    assert "Referral\nReferred by Dr. Smit on " in body
    assert "Pelvic floor function (ICS): overactive." in body
    assert "resting tone: high" in body
    assert "Analysis\nOveractieve bekkenbodem." in body and "We plan 8 sessions." in body
    assert "Outcome measures\n" in body


def test_the_interim_report_says_why_and_how_many_sessions_so_far(therapist):
    episode = referred_episode(therapist)
    plan = TreatmentPlanFactory(episode=episode, version=2)
    SessionNoteFactory(episode=episode)
    SessionNoteFactory(episode=episode)
    body = compose(plan.episode, LetterKind.INTERIM)
    assert "Reason for this report\nWe have changed the treatment plan (version 2)." in body
    assert "the patient has had 2 sessions." in body


def test_the_final_report_gives_the_period_and_the_number_of_sessions(therapist):
    episode = referred_episode(therapist, status=EpisodeStatus.DISCHARGED, discharged_on=TODAY)
    TreatmentPlanFactory(episode=episode)
    SessionNoteFactory(episode=episode)
    DischargeFactory(episode=episode, discharged_on=TODAY)
    body = compose(episode, LetterKind.FINAL)
    assert "Course\nFrom " in body and " the patient had 1 session." in body
    assert "Outcome\nTreatment ended on " in body


def test_the_reply_to_a_referral_is_due_after_the_first_assessment_until_it_is_signed(therapist):
    episode = referred_episode(therapist)
    assert signals(episode).gp_message_due == ""
    AssessmentFactory(episode=episode, assessed_on=days_ago(3))
    assert (signals(episode).gp_message_due, signals(episode).gp_message_due_on) == (
        LetterKind.REFERRAL_ANSWER,
        days_ago(3) + datetime.timedelta(days=14),
    )
    letter = GPLetterFactory(episode=episode, kind=LetterKind.REFERRAL_ANSWER)
    assert signals(episode).gp_message_due == LetterKind.REFERRAL_ANSWER
    letter_send(letter=letter, acting_user=therapist)
    assert signals(episode).gp_message_due == ""


def test_direct_access_owes_the_screening_message_and_a_discharge_the_final_report(therapist):
    episode = CareEpisodeFactory(patient__practice=therapist.practice, therapist=therapist)
    RedFlagScreeningFactory(episode=episode, screened_on=days_ago(1))
    assert signals(episode).gp_message_due == LetterKind.SCREENING
    assert signals(episode).gp_message_due_on == days_ago(1) + datetime.timedelta(days=7)
    GPLetterFactory(episode=episode, kind=LetterKind.SCREENING, status=LetterStatus.SENT, sent_at=timezone.now())
    assert signals(episode).gp_message_due == ""
    DischargeFactory(episode=episode, discharged_on=TODAY)
    episode.status, episode.discharged_on = EpisodeStatus.DISCHARGED, TODAY
    episode.save()
    GPLetterFactory(episode=episode, kind=LetterKind.INTERIM)
    assert signals(episode).gp_message_due == LetterKind.FINAL


def test_a_signed_letter_cannot_be_changed_by_the_service_nor_in_the_database(therapist):
    episode = referred_episode(therapist)
    letter = GPLetterFactory(episode=episode, kind=LetterKind.REFERRAL_ANSWER)
    letter_send(letter=letter, acting_user=therapist)
    with pytest.raises(ValidationError):
        letter_update(letter=letter, recipient="x", subject="x", body="Anders.", acting_user=therapist)
    with pytest.raises(DatabaseError), transaction.atomic():
        GPLetter.objects.filter(pk=letter.pk).update(body="Anders.")
    assert GPLetter.objects.get(pk=letter.pk).body == letter.body


def test_the_admin_shows_a_signed_letter_read_only(admin_client, therapist):
    episode = referred_episode(therapist)
    letter = GPLetterFactory(episode=episode, status=LetterStatus.SENT, sent_at=timezone.now())
    page = admin_client.get(reverse("admin:patients_gpletter_change", args=[letter.pk]))
    assert page.status_code == 200
    assert 'name="body"' not in page.text
    response = admin_client.post(reverse("admin:patients_gpletter_change", args=[letter.pk]), {"body": "Anders."})
    assert response.status_code == 403
    assert GPLetter.objects.get(pk=letter.pk).body == letter.body


def test_the_episode_page_names_the_message_due_and_links_to_writing_it(client, therapist):
    episode = referred_episode(therapist)
    AssessmentFactory(episode=episode, assessed_on=days_ago(20))
    client.force_login(therapist)
    with translation.override("nl"):
        page = client.get(episode.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Bericht aan de huisarts te versturen" in page.text
    assert "Antwoord op de verwijzing, uiterlijk op" in page.text and "Te laat." in page.text
    create = reverse("patients:letter_create", args=[episode.pk])
    assert f"{create}?kind=referral_answer" in page.text
    form = client.get(create, {"kind": "referral_answer"})
    assert form.context["form"]["kind"].value() == "referral_answer"


def test_the_caseload_lists_overdue_messages_of_the_therapist_only_discharged_ones_too(
    client, therapist, other_therapist
):
    overdue = referred_episode(
        therapist, started_on=days_ago(60), status=EpisodeStatus.DISCHARGED, discharged_on=days_ago(30)
    )
    DischargeFactory(episode=overdue, discharged_on=days_ago(30))
    in_time = referred_episode(therapist)
    AssessmentFactory(episode=in_time, assessed_on=TODAY)
    elsewhere = referred_episode(other_therapist)
    AssessmentFactory(episode=elsewhere, assessed_on=days_ago(30))
    client.force_login(therapist)
    page = client.get(reverse("patients:dashboard"))
    worklist = page.context["gp_messages"]
    assert [episode.pk for episode in worklist.items] == [overdue.pk]
    assert "Te late berichten aan de huisarts" in page.text and "Eindverslag" in page.text
    assert str(elsewhere.patient) not in page.text
