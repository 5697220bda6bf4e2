"""The treatment-plan pages as a therapist uses them, and who may not use them."""

import datetime
import io

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from clinic.choices import AccessAction
from clinic.concurrency import version_token
from clinic.models import AccessLogEntry
from patients.choices import ConsentKind, InterventionKind, PlanStatus
from patients.documents.letters import letter_blocks
from patients.models import (
    BiofeedbackSession,
    GPLetter,
    Intervention,
    NeedlingReferral,
    Referral,
    SafetyOverride,
    TreatmentPlan,
)
from tests.factories import (
    AssessmentFactory,
    BiofeedbackSessionFactory,
    CareEpisodeFactory,
    ClassificationFactory,
    ConsentFactory,
    GPLetterFactory,
    IntakeFactory,
    InterventionFactory,
    NeedlingReferralFactory,
    PlanGoalFactory,
    RedFlagScreeningFactory,
    ReferralFactory,
    TherapistFactory,
    TreatmentPlanFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def english(client, settings):
    """Read the pages in English; the Dutch default has its own test."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def episode(therapist):
    episode = CareEpisodeFactory(patient__practice=therapist.practice, therapist=therapist, patient__gp_name="Dr. Smit")
    IntakeFactory(episode=episode, uses_anticoagulants=True, fear_of_needles=True)
    ClassificationFactory(episode=episode, pelvic_floor_class="overactive", complaint_pattern="Pijn bij zitten.")
    return episode


@pytest.fixture
def plan(episode):
    plan = TreatmentPlanFactory(episode=episode, pelvic_floor_class="overactive")
    PlanGoalFactory(plan=plan, description="Pijnvrij fietsen")
    return plan


def url(name, episode, *args):
    return reverse(f"patients:{name}", args=[episode.pk, *args])


def plan_post(**overrides):
    data = {
        "pelvic_floor_class": "overactive",
        "analysis": "Overactief",
        "started_on": TODAY.isoformat(),
        "review_on": "",
        "planned_sessions": "8",
        "goals-TOTAL_FORMS": "1",
        "goals-INITIAL_FORMS": "0",
        "goals-MIN_NUM_FORMS": "1",
        "goals-MAX_NUM_FORMS": "1000",
        "goals-0-description": "Zitten zonder pijn",
        "goals-0-measure": "NRS",
        "goals-0-target": "NRS ≤ 2",
        "goals-0-review_on": "",
    }
    data.update(overrides)
    return data


# --- access -----------------------------------------------------------------------------------

PAGES = [
    ("get", "plan_detail", ()),
    ("get", "plan_create", ()),
    ("post", "plan_create", ()),
    ("get", "plan_update", ()),
    ("post", "plan_update", ()),
    ("get", "plan_activate", ()),
    ("post", "plan_activate", ()),
    ("get", "plan_close", ()),
    ("post", "plan_close", ()),
    ("get", "plan_history", ()),
    ("get", "plan_version", ("history",)),
    ("get", "intervention_create", ("tens",)),
    ("post", "intervention_create", ("tens",)),
    ("post", "intervention_remove", ("intervention",)),
    ("get", "intervention_update", ("intervention",)),
    ("post", "intervention_update", ("intervention",)),
    ("get", "biofeedback_create", ()),
    ("post", "biofeedback_create", ()),
    ("get", "referral_create", ()),
    ("post", "referral_create", ()),
    ("get", "needling_create", ()),
    ("post", "needling_create", ()),
    ("get", "needling_detail", ("needling",)),
    ("get", "needling_update", ("needling",)),
    ("post", "needling_update", ("needling",)),
    ("get", "letter_list", ()),
    ("get", "letter_create", ()),
    ("post", "letter_create", ()),
    ("get", "letter_detail", ("letter",)),
    ("post", "letter_detail", ("letter",)),
    ("post", "letter_send", ("letter",)),
    ("get", "letter_pdf", ("letter",)),
]


@pytest.fixture
def everything(plan):
    ConsentFactory(patient=plan.episode.patient, kind=ConsentKind.GP_DATA_SHARING)
    return {
        "intervention": InterventionFactory(plan=plan).pk,
        "needling": NeedlingReferralFactory(plan=plan).pk,
        "letter": GPLetterFactory(episode=plan.episode).pk,
        "history": plan.history.first().history_id,
    }


def counts():
    return [
        model.objects.count()
        for model in (TreatmentPlan, Intervention, BiofeedbackSession, Referral, NeedlingReferral, GPLetter)
    ] + [
        SafetyOverride.objects.count(),
        TreatmentPlan.history.count(),
        list(GPLetter.objects.values_list("body", "status")),
        list(NeedlingReferral.objects.values_list("target_muscles", "status")),
    ]


def _call(client, method, name, plan, args, everything):
    resolved = [everything.get(arg, arg) for arg in args]
    target = url(name, plan.episode, *resolved)
    data = {"planned_sessions": "3", "closing_summary": "x", "kind": "intake", "body": "x", "target_muscles": "x"}
    return getattr(client, method)(target, data)


@pytest.mark.parametrize(("method", "name", "args"), PAGES)
def test_practice_admin_and_patient_are_refused_and_nothing_is_written(
    client, practice_admin, patient_user, plan, everything, method, name, args
):
    before = counts()
    for user in (practice_admin, patient_user):
        client.force_login(user)
        assert _call(client, method, name, plan, args, everything).status_code == 403
    assert counts() == before


@pytest.mark.parametrize(("method", "name", "args"), PAGES)
def test_therapist_of_another_practice_gets_404_and_nothing_is_written(
    client, other_therapist, plan, everything, method, name, args
):
    before = counts()
    client.force_login(other_therapist)
    assert _call(client, method, name, plan, args, everything).status_code == 404
    assert counts() == before


def test_records_of_another_episode_are_not_found_through_this_one(client, therapist, plan, everything):
    other_plan = TreatmentPlanFactory(episode__patient__practice=therapist.practice, episode__therapist=therapist)
    client.force_login(therapist)
    assert client.get(url("intervention_update", other_plan.episode, everything["intervention"])).status_code == 404
    assert client.get(url("letter_detail", other_plan.episode, everything["letter"])).status_code == 404


def test_anonymous_user_is_sent_to_login(client, plan):
    response = client.get(url("plan_detail", plan.episode))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- plan ---------------------------------------------------------------------------------------


def test_plan_page_without_a_plan_offers_to_write_one_and_shows_nsaid_caution(client, therapist, episode):
    client.force_login(therapist)
    response = client.get(url("plan_detail", episode))
    assert response.status_code == 200
    assert url("plan_create", episode) in response.text
    assert "NSAIDs" in response.text
    assert "The patient said at intake they are afraid of needles" in response.text
    assert AccessLogEntry.objects.filter(
        action=AccessAction.READ, part="treatment_plan", patient=episode.patient
    ).exists()


def test_plan_page_speaks_dutch_by_default(client, settings, therapist, plan):
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    client.force_login(therapist)
    page = client.get(url("plan_detail", plan.episode))
    assert "Behandelplan" in page.text
    assert "gebruikt bloedverdunners" in page.text


def test_plan_page_counts_the_letters_of_its_own_episode(client, therapist, plan):
    GPLetterFactory.create_batch(2, episode=plan.episode)
    GPLetterFactory(episode=CareEpisodeFactory(patient=plan.episode.patient))
    client.force_login(therapist)
    page = client.get(url("plan_detail", plan.episode)).text
    assert "Letters to the GP (2)" in page


def test_writing_a_plan_takes_the_analysis_from_the_record_and_defaults_the_review_date(client, therapist, episode):
    client.force_login(therapist)
    form = client.get(url("plan_create", episode)).context["form"]
    assert form.initial["pelvic_floor_class"] == "overactive"
    response = client.post(url("plan_create", episode), plan_post())
    assert response.status_code == 302
    plan = TreatmentPlan.objects.get(episode=episode)
    assert plan.review_on == TODAY + datetime.timedelta(weeks=6)
    assert plan.goals.get().measure == "NRS"


@pytest.mark.parametrize(
    ("language", "message"), [("en", "Add at least one goal."), ("nl", "Voeg minstens één doel toe.")]
)
def test_plan_without_goals_asks_for_a_goal_in_plain_words(client, settings, therapist, episode, language, message):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(therapist)
    empty_goal = {f"goals-0-{name}": "" for name in ("description", "measure", "target")}
    response = client.post(
        url("plan_create", episode), plan_post(analysis="Overactief, eerst ontspannen", **empty_goal)
    )
    assert message in response.text
    assert "form" not in response.context["formset"].non_form_errors()[0]
    assert "Overactief, eerst ontspannen" in response.text
    assert not TreatmentPlan.objects.exists()


def test_goal_card_does_not_repeat_goal_as_the_first_label(client, therapist, episode):
    client.force_login(therapist)
    page = client.get(url("plan_create", episode)).text
    card = page.split("Goal 1</h3>")[1]
    assert "What the patient wants to achieve" in card
    assert ">Goal<" not in card and "Goal*" not in card


def test_bad_plan_input_is_refused_next_to_the_field_and_kept(client, therapist, episode):
    client.force_login(therapist)
    data = plan_post(review_on=(TODAY - datetime.timedelta(days=3)).isoformat(), **{"goals-0-measure": ""})
    response = client.post(url("plan_create", episode), data)
    assert response.status_code == 200
    assert response.context["form"].errors["review_on"]
    assert response.context["formset"].forms[0].errors["measure"]
    assert 'value="Zitten zonder pijn"' in response.text
    assert not TreatmentPlan.objects.exists()


def test_revising_an_active_plan_asks_for_a_reason_and_shows_in_the_history(client, therapist, plan):
    plan.status, plan.activated_at = PlanStatus.ACTIVE, datetime.datetime.now(tz=datetime.UTC)
    plan.save()
    goal = plan.goals.get()
    client.force_login(therapist)
    management = {"goals-TOTAL_FORMS": "1", "goals-INITIAL_FORMS": "1", "goals-0-id": str(goal.pk)}
    data = plan_post(planned_sessions="12", seen_version=version_token(plan), **management)
    response = client.post(url("plan_update", plan.episode), data)
    assert response.context["form"].errors["reason"]
    response = client.post(url("plan_update", plan.episode), {**data, "reason": "Meer sessies nodig"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.version, plan.status) == (2, PlanStatus.REVISED)
    history = client.get(url("plan_history", plan.episode))
    assert "Meer sessies nodig" in history.text
    record = plan.history.last()
    version = client.get(url("plan_version", plan.episode, record.history_id))
    assert version.status_code == 200


def test_an_open_red_flag_stops_activation(client, therapist, plan):
    RedFlagScreeningFactory(
        episode=plan.episode, fever_or_malaise=True, gp_contact_advised=True, decision="gp_clearance"
    )
    client.force_login(therapist)
    page = client.get(url("plan_activate", plan.episode))
    assert "red flag" in page.text
    response = client.post(url("plan_activate", plan.episode), {"justification": "toch"})
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.is_draft


def test_relaxation_first_warning_blocks_until_justified_and_the_justification_is_shown(client, therapist, plan):
    client.force_login(therapist)
    target = url("intervention_create", plan.episode, InterventionKind.PFMT)
    data = {
        "focus": ["strength"],
        "position": "lying",
        "hold_seconds": "5",
        "rest_seconds": "10",
        "repetitions": "8",
        "sets_per_day": "3",
    }
    response = client.post(target, data)
    assert response.status_code == 200
    assert response.context["form"].errors["justification"]
    assert "Relaxation first" in response.text
    assert not Intervention.objects.exists()
    justification = "Gemengd beeld met stressincontinentie; afgestemd met patiënt."
    assert client.post(target, {**data, "justification": justification}).status_code == 302
    page = client.get(url("plan_detail", plan.episode))
    assert "Relaxation first" in page.text
    assert justification in page.text
    assert "Overridden with a justification" in client.get(url("plan_update", plan.episode)).text


def test_pfmt_relaxation_shorter_than_twice_the_hold_is_refused(client, therapist, plan):
    client.force_login(therapist)
    data = {"focus": ["endurance"], "position": "lying", "hold_seconds": "6", "rest_seconds": "6", "repetitions": "8"}
    response = client.post(url("intervention_create", plan.episode, "pfmt"), {**data, "sets_per_day": "2"})
    assert response.context["form"].errors["rest_seconds"]


def test_changing_an_intervention_starts_from_its_saved_parameters(client, therapist, plan):
    intervention = InterventionFactory(
        plan=plan, kind="tens", parameters={"frequency_hz": 80, "minutes": 20}, notes="Thuis"
    )
    client.force_login(therapist)
    target = url("intervention_update", plan.episode, intervention.pk)
    form = client.get(target).context["form"]
    assert (form["frequency_hz"].value(), form["minutes"].value(), form["notes"].value()) == (80, 20, "Thuis")
    data = {"frequency_hz": "100", "minutes": "30", "placement": "Onderrug", "notes": "Thuis"}
    assert client.post(target, data).status_code == 302
    intervention.refresh_from_db()
    assert intervention.parameters == {"frequency_hz": 100, "minutes": 30, "placement": "Onderrug"}


def test_unknown_intervention_kind_is_404(client, therapist, plan):
    client.force_login(therapist)
    assert client.get(url("intervention_create", plan.episode, "surgery")).status_code == 404


def test_activating_and_closing_a_plan(client, therapist, plan):
    client.force_login(therapist)
    assert client.post(url("plan_activate", plan.episode), {}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    response = client.post(url("plan_close", plan.episode), {"closing_summary": ""})
    assert response.context["form"].errors["closing_summary"]
    assert client.post(url("plan_close", plan.episode), {"closing_summary": "Doel bereikt"}).status_code == 302
    plan.refresh_from_db()
    assert plan.is_closed
    assert client.get(url("plan_update", plan.episode)).status_code == 404


# --- needling ---------------------------------------------------------------------------------


def needling_post(**overrides):
    data = {
        "external_colleague": "A. Bos, Bekkenpraktijk West",
        "target_muscles": "m. levator ani",
        "uses_anticoagulants": "yes",
        "bleeding_disorder": "no",
        "pregnant": "no",
        "fear_of_needles": "no",
        "consent_given": "on",
        "consent_given_by": "De patiënt",
        "aftercare": "Spierpijn tot 48 uur.",
        "send": "1",
    }
    data.update(overrides)
    return data


def test_needling_form_prefills_anticoagulants_from_the_intake_and_offers_qualified_therapists(client, therapist, plan):
    qualified = TherapistFactory(practice=therapist.practice, is_needling_qualified=True)
    TherapistFactory(practice=therapist.practice)
    client.force_login(therapist)
    form = client.get(url("needling_create", plan.episode)).context["form"]
    assert form.initial["uses_anticoagulants"] is True
    assert form.initial["fear_of_needles"] is True
    assert "bleeding_disorder" in form.initial and "pregnant" in form.initial
    assert list(form.fields["qualified_therapist"].queryset) == [qualified]
    assert "48" in str(form.fields["aftercare"].initial)


def test_needling_referral_with_unanswered_questions_is_not_sent(client, therapist, plan):
    client.force_login(therapist)
    response = client.post(url("needling_create", plan.episode), needling_post(pregnant="", fear_of_needles=""))
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"pregnant", "fear_of_needles"}
    assert not NeedlingReferral.objects.exists()


def test_needling_contraindication_blocks_until_justified_then_sends_with_aftercare(client, therapist, plan):
    client.force_login(therapist)
    response = client.post(url("needling_create", plan.episode), needling_post())
    assert response.context["form"].errors["justification"]
    assert "anticoagulants" in response.text
    assert not NeedlingReferral.objects.exists()
    data = needling_post(justification="INR stabiel, overlegd met huisarts; dunne naalden.")
    response = client.post(url("needling_create", plan.episode), data)
    referral = NeedlingReferral.objects.get()
    assert referral.is_sent
    assert response.url == url("needling_detail", plan.episode, referral.pk)
    detail = client.get(response.url)
    assert "Spierpijn tot 48 uur." in detail.text
    assert "INR stabiel" in detail.text


def test_needling_referral_can_be_kept_as_draft_with_open_questions(client, therapist, plan):
    client.force_login(therapist)
    data = needling_post(pregnant="", consent_given="", send="")
    del data["send"]
    assert client.post(url("needling_create", plan.episode), {**data, "save": "1"}).status_code == 302
    assert NeedlingReferral.objects.get().pregnant is None


# --- biofeedback ------------------------------------------------------------------------------


def session_post(**overrides):
    data = {
        "session_on": TODAY.isoformat(),
        "modality": "surface_emg",
        "resting_tone_uv": "5.5",
        "peak_uv": "22",
        "relax_time_s": "3",
        "exercise": "Ontspannen na aanspannen",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"resting_tone_uv": "-1"}, "resting_tone_uv"),
        ({"peak_uv": "3"}, "peak_uv"),
        ({"peak_uv": ""}, "peak_uv"),
        ({"relax_time_s": "-2"}, "relax_time_s"),
        ({"resting_pressure_mmhg": "20"}, "resting_pressure_mmhg"),
        ({"modality": "emg_probe"}, "modality"),
    ],
)
def test_biofeedback_readings_out_of_range_or_without_probe_consent_are_refused(client, therapist, plan, data, field):
    client.force_login(therapist)
    response = client.post(url("biofeedback_create", plan.episode), session_post(**data))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not BiofeedbackSession.objects.exists()


def test_a_new_biofeedback_session_starts_from_today_and_the_plans_modality(client, therapist, plan):
    InterventionFactory(
        plan=plan, kind=InterventionKind.BIOFEEDBACK, parameters={"modality": "pressure_probe", "feedback": "visual"}
    )
    client.force_login(therapist)
    form = client.get(url("biofeedback_create", plan.episode)).context["form"]
    assert form["session_on"].value() == timezone.localdate()
    assert form["modality"].value() == "pressure_probe"


def test_a_biofeedback_session_dated_before_the_episode_asks_first(client, therapist, plan):
    client.force_login(therapist)
    day_before = (plan.episode.started_on - datetime.timedelta(days=1)).isoformat()
    response = client.post(url("biofeedback_create", plan.episode), session_post(session_on=day_before))
    assert response.context["form"].errors["session_on"]
    assert not BiofeedbackSession.objects.exists()
    client.post(url("biofeedback_create", plan.episode), session_post(session_on=day_before, date_before_episode="on"))
    assert BiofeedbackSession.objects.exists()


def test_probe_biofeedback_records_the_consent_and_the_trend_is_drawn(client, therapist, plan):
    consent = ConsentFactory(patient=plan.episode.patient, kind=ConsentKind.BIOFEEDBACK_PROBE)
    client.force_login(therapist)
    response = client.post(url("biofeedback_create", plan.episode), session_post(modality="emg_probe"))
    assert response.status_code == 302
    assert BiofeedbackSession.objects.get().probe_consent == consent
    BiofeedbackSessionFactory(plan=plan, session_on=TODAY + datetime.timedelta(days=7), resting_tone_uv=3, peak_uv=25)
    page = client.get(url("plan_detail", plan.episode))
    assert page.text.count("<polyline") == 3


# --- referrals and letters --------------------------------------------------------------------


def test_referral_to_a_doctor_is_recorded_with_its_reason(client, therapist, plan):
    client.force_login(therapist)
    form = client.get(url("referral_create", plan.episode) + "?topic=pessary").context["form"]
    assert form.initial["topic"] == "pessary"
    data = {"recipient": "gynaecologist", "topic": "pessary", "reason": "", "referred_on": TODAY.isoformat()}
    response = client.post(url("referral_create", plan.episode), data)
    assert response.context["form"].errors["reason"]
    response = client.post(url("referral_create", plan.episode), {**data, "reason": "Verzakkingsklachten"})
    assert response.status_code == 302
    assert Referral.objects.get().recipient == "gynaecologist"


def test_pain_medication_referral_shows_the_nsaid_cautions_of_the_intake(client, therapist, plan):
    client.force_login(therapist)
    pain = client.get(url("referral_create", plan.episode) + "?topic=pain_medication")
    pessary = client.get(url("referral_create", plan.episode) + "?topic=pessary")
    refused = client.post(url("referral_create", plan.episode), {"topic": "pain_medication", "reason": ""})
    caution = "NSAIDs (ibuprofen, naproxen): the patient uses anticoagulants."
    assert caution in pain.text
    assert caution not in pessary.text
    assert caution in refused.text


def test_plan_page_lists_each_kind_of_referral_and_says_so_when_there_is_none(client, therapist, plan):
    client.force_login(therapist)
    assert "No referrals yet." in client.get(url("plan_detail", plan.episode)).text
    ReferralFactory(plan=plan, reason="Overleg over pijnstilling.")
    NeedlingReferralFactory(plan=plan, target_muscles="m. obturator internus links")
    page = client.get(url("plan_detail", plan.episode)).text
    assert "Overleg over pijnstilling." in page
    assert "m. obturator internus links" in page
    assert "No referrals yet." not in page


def test_no_letter_without_data_sharing_consent(client, therapist, plan):
    client.force_login(therapist)
    page = client.get(url("letter_list", plan.episode))
    assert "not consented" in page.text
    response = client.post(url("letter_create", plan.episode), {"kind": "interim"})
    assert response.status_code == 200
    assert "not consented" in response.text
    assert not GPLetter.objects.exists()


def test_letters_page_without_consent_leads_to_the_consent_form_and_back(client, therapist, plan):
    client.force_login(therapist)
    letters = url("letter_list", plan.episode)
    consent_url = reverse("patients:consent_create", args=[plan.episode.patient.pk])
    link = f"{consent_url}?kind=gp_data_sharing&amp;next={letters}"
    assert link in client.get(letters).text

    form = client.get(f"{consent_url}?kind=gp_data_sharing&next={letters}").context["form"]
    assert form.initial["kind"] == ConsentKind.GP_DATA_SHARING
    data = {"kind": "gp_data_sharing", "given_by": "Patiënt zelf", "given_at": "2026-01-05 10:00"}
    response = client.post(f"{consent_url}?kind=gp_data_sharing&next={letters}", data)

    assert response.url == letters
    assert "Compose" in client.get(letters).text


def test_consent_form_does_not_send_the_therapist_to_another_site(client, therapist, plan):
    client.force_login(therapist)
    consent_url = reverse("patients:consent_create", args=[plan.episode.patient.pk])
    data = {"kind": "gp_data_sharing", "given_by": "Patiënt zelf", "given_at": "2026-01-05 10:00"}
    response = client.post(f"{consent_url}?next=https://example.com/", data)
    assert response.url == plan.episode.patient.get_absolute_url() + "#consents"


def test_letter_is_composed_edited_sent_and_downloaded_as_pdf_with_access_log(client, therapist, plan):
    ConsentFactory(patient=plan.episode.patient, kind=ConsentKind.GP_DATA_SHARING)
    client.force_login(therapist)
    response = client.post(url("letter_create", plan.episode), {"kind": "interim"})
    letter = GPLetter.objects.get()
    assert response.url == url("letter_detail", plan.episode, letter.pk)
    assert "Pijnvrij fietsen" in letter.body and "Dr. Smit" in letter.body
    edited = {"recipient": letter.recipient, "subject": letter.subject, "body": letter.body + "\nExtra zin."}
    assert client.post(response.url, edited).status_code == 302
    assert client.post(url("letter_send", plan.episode, letter.pk)).status_code == 302
    letter.refresh_from_db()
    assert letter.is_sent and letter.body.endswith("Extra zin.")
    pdf = client.get(url("letter_pdf", plan.episode, letter.pk))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert str(plan.episode.patient.last_name) in text
    assert "Pijnvrij fietsen" in text
    assert AccessLogEntry.objects.filter(action=AccessAction.EXPORT, part="gp_letter").count() == 1
    blocked = client.post(response.url, {**edited, "body": "anders"})
    assert blocked.status_code == 302
    letter.refresh_from_db()
    assert "anders" not in letter.body


def test_letter_is_not_sent_once_consent_is_withdrawn(client, therapist, plan):
    letter = GPLetterFactory(episode=plan.episode)
    consent = letter.data_sharing_consent
    consent.withdrawn_at = datetime.datetime.now(tz=datetime.UTC)
    consent.save()
    client.force_login(therapist)
    client.post(url("letter_send", plan.episode, letter.pk))
    letter.refresh_from_db()
    assert not letter.is_sent
    assert client.get(url("letter_pdf", plan.episode, letter.pk)).status_code == 302


# --- query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [5, 50])
def test_plan_page_queries_do_not_grow_with_rows(client, therapist, plan, rows, django_assert_max_num_queries):
    for number in range(rows):
        PlanGoalFactory(plan=plan)
        InterventionFactory(plan=plan, kind=InterventionKind.PFMT, parameters={"focus": ["endurance"]})
        BiofeedbackSessionFactory(plan=plan, session_on=TODAY + datetime.timedelta(days=number))
        NeedlingReferralFactory(plan=plan, qualified_therapist=None)
        ReferralFactory(plan=plan)
        SafetyOverride.objects.create(
            plan=plan, code="needling_fear", warning="Angst", justification="Besproken.", overridden_by=therapist
        )
    client.force_login(therapist)
    with django_assert_max_num_queries(17):  # every kind of plan record present: the most the page reads
        assert client.get(url("plan_detail", plan.episode)).status_code == 200


def test_plan_page_without_sessions_referrals_or_overrides_does_not_look_for_them(
    client, therapist, plan, django_assert_max_num_queries
):
    client.force_login(therapist)
    with django_assert_max_num_queries(13):  # four fewer than with every kind of record
        assert client.get(url("plan_detail", plan.episode)).status_code == 200


def test_a_draft_needling_referral_is_completed_and_sent_later(client, therapist, plan):
    referral = NeedlingReferralFactory(plan=plan)
    client.force_login(therapist)
    form = client.get(url("needling_update", plan.episode, referral.pk)).context["form"]
    assert form.initial["external_colleague"] == referral.external_colleague
    data = needling_post(uses_anticoagulants="no")
    response = client.post(url("needling_update", plan.episode, referral.pk), data)
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.is_sent and referral.uses_anticoagulants is False
    assert client.get(url("needling_update", plan.episode, referral.pk)).status_code == 404


@pytest.mark.parametrize("rows", [5, 50])
def test_plan_version_queries_do_not_grow(client, therapist, plan, rows, django_assert_max_num_queries):
    for _number in range(rows):
        PlanGoalFactory(plan=plan)
        InterventionFactory(plan=plan)
    plan.planned_sessions = 12
    plan.save()
    client.force_login(therapist)
    with django_assert_max_num_queries(15):  # 14, and PostgreSQL's advisory lock on the access-log chain
        response = client.get(url("plan_version", plan.episode, plan.history.first().history_id))
    assert len(response.context["goals"]) == rows + 1


@pytest.mark.parametrize("rows", [5, 50])
def test_history_and_letter_list_queries_do_not_grow(client, therapist, plan, rows, django_assert_max_num_queries):
    for number in range(rows):
        plan.planned_sessions = number % 50 + 1
        plan._history_user = therapist
        plan.save()
        GPLetterFactory(episode=plan.episode)
    client.force_login(therapist)
    with django_assert_max_num_queries(14):
        assert client.get(url("plan_history", plan.episode)).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(url("letter_list", plan.episode)).status_code == 200


def test_refused_attempts_are_logged_as_denied(client, other_therapist, patient_user, plan):
    client.force_login(other_therapist)
    client.get(url("plan_detail", plan.episode))
    client.force_login(patient_user)
    client.post(url("plan_activate", plan.episode))
    denied = AccessLogEntry.objects.filter(outcome="denied", part="treatment_plan")
    assert [entry.action for entry in denied.order_by("pk")] == [AccessAction.READ, AccessAction.UPDATE]


def test_plan_summary_for_the_episode_page(therapist, plan):
    html = render_to_string("patients/_plan_summary.html", {"episode": plan.episode})
    assert url("plan_detail", plan.episode) in html
    other = CareEpisodeFactory(patient__practice=therapist.practice)
    assert url("plan_create", other) in render_to_string("patients/_plan_summary.html", {"episode": other})


def test_the_letter_pdf_carries_the_letterhead_the_patients_identification_and_headings(client, therapist, plan):
    practice = plan.episode.patient.practice
    practice.street_address, practice.postal_code, practice.city = "Dorpsstraat 12", "9711 AB", "Groningen"
    practice.phone, practice.email, practice.agb_code = "050-1234567", "info@praktijk.example", "04123456"
    practice.save()
    patient = plan.episode.patient
    patient.bsn = "111222333"
    patient.gp_practice, patient.gp_address = "Huisartsenpraktijk De Linde", "Lindelaan 4, 9712 CD Groningen"
    patient.save()
    AssessmentFactory(episode=plan.episode, resting_tone="high", oxford_power=2)
    ConsentFactory(patient=patient, kind=ConsentKind.GP_DATA_SHARING)
    client.force_login(therapist)
    client.post(url("letter_create", plan.episode), {"kind": "referral_answer"})
    letter = GPLetter.objects.get()
    pdf = client.get(url("letter_pdf", plan.episode, letter.pk))
    text = " ".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert "Dorpsstraat 12, 9711 AB Groningen · phone 050-1234567 · info@praktijk.example · AGB code 04123456" in text
    assert "Dr. Smit Huisartsenpraktijk De Linde Lindelaan 4 9712 CD Groningen" in text
    assert "BSN 111222333" in text and patient.date_of_birth.strftime("%d-%m-%Y") in text
    assert "Findings" in text and "resting tone: high" in text
    assert "<h2>Findings</h2>" in render_to_string(
        "patients/gpletter_pdf.html",
        {"letter": letter, "patient": patient, "practice": practice, "blocks": letter_blocks(letter.body)},
    )
