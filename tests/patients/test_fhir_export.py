"""The record as a FHIR R4 bundle: every resource valid, each holding what the record holds, the download logged."""

import base64
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.documentreference import DocumentReference
from fhir.resources.R4B.episodeofcare import EpisodeOfCare
from fhir.resources.R4B.goal import Goal
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.servicerequest import ServiceRequest

from clinic.choices import AccessAction, AccessOutcome, RecordPart
from clinic.models import AccessLogEntry
from patients import extensions
from patients.choices import (
    AssignmentStatus,
    BiofeedbackModality,
    EpisodeStatus,
    IciqAmount,
    InterventionKind,
    LetterStatus,
    MeasureKind,
    MeasureSource,
    NeedlingStatus,
    PainCharacter,
    PainMapSource,
    PainRegionCode,
    PelvicFloorClass,
    PlanStatus,
    Sex,
)
from patients.documents.fhir import (
    BSN_SYSTEM,
    LOINC,
    PROFILE_EPISODE,
    PROFILE_PAIN_SCORE,
    PROFILE_PATIENT,
    PROFILE_PROBLEM,
    RECORD_FHIR_BUILDERS,
    SNOMED,
    fhir_json,
    patient_record_fhir,
)
from tests import factories as f
from tests.patients.test_export import full_record

pytestmark = pytest.mark.django_db

RESOURCE_CLASSES = {
    cls.__name__: cls
    for cls in (
        Patient,
        EpisodeOfCare,
        Condition,
        Observation,
        CarePlan,
        Goal,
        ServiceRequest,
        DocumentReference,
        Questionnaire,
        QuestionnaireResponse,
    )
}


def demo_record(therapist, **patient_fields):
    """Build a record as the demo has it: a closed and an open episode with every part that becomes FHIR."""
    details = {
        "first_name": "Sanne",
        "last_name": "de Vries",
        "email": "sanne@example.org",
        "phone": "06 12345678",
        "address": "Lindelaan 4, 9712 CD Groningen",
        "gp_name": "Dr. Jansen",
    }
    patient = f.PatientFactory(
        practice=therapist.practice, responsible_therapist=therapist, **{**details, **patient_fields}
    )
    earlier = f.CareEpisodeFactory(
        patient=patient,
        main_complaint="Bekkenpijn na de bevalling",
        started_on=timezone.localdate() - timezone.timedelta(days=400),
        discharged_on=timezone.localdate() - timezone.timedelta(days=300),
        status=EpisodeStatus.DISCHARGED,
    )
    episode = f.CareEpisodeFactory(patient=patient)
    for current in (earlier, episode):
        f.ClassificationFactory(
            episode=current, pelvic_floor_class=PelvicFloorClass.OVERACTIVE, complaint_pattern="Pijn bij zitten"
        )
        f.OutcomeMeasureFactory(episode=current, kind=MeasureKind.NRS_PAIN, score=6)
    f.OutcomeMeasureFactory(episode=episode, kind=MeasureKind.PGI_I, score=2)
    f.OutcomeMeasureFactory(
        episode=episode, kind=MeasureKind.PSK, score=None, psk_score_1=7, psk_score_2=4, total=Decimal("5.5")
    )
    f.OutcomeMeasureFactory(
        episode=episode,
        kind=MeasureKind.ICIQ_UI_SF,
        score=None,
        iciq_frequency=3,
        iciq_amount=IciqAmount.SMALL,
        iciq_impact=5,
        total=10,
    )
    plan = f.TreatmentPlanFactory(episode=episode, active=True)
    f.PlanGoalFactory(plan=plan)
    f.PlanGoalFactory(plan=plan, description="Zitten zonder pijn", achieved=True)
    f.InterventionFactory(plan=plan, kind=InterventionKind.DOWNTRAINING)
    f.InterventionFactory(plan=plan, kind=InterventionKind.PFMT, parameters={"focus": ["strength"]}, notes="Thuis")
    f.BiofeedbackSessionFactory(plan=plan)
    probe = f.ConsentFactory(patient=patient)
    f.BiofeedbackSessionFactory(
        plan=plan,
        modality=BiofeedbackModality.PRESSURE_PROBE,
        probe_consent=probe,
        resting_tone_uv=None,
        peak_uv=None,
        relax_time_s=None,
        resting_pressure_mmhg=Decimal("20.0"),
        peak_pressure_mmhg=Decimal("45.5"),
    )
    f.ReferralFactory(plan=plan, recipient_name="Dr. Jansen")
    f.NeedlingReferralFactory(plan=plan)
    f.GPLetterFactory(episode=episode)
    f.GPLetterFactory(episode=episode, status=LetterStatus.SENT, sent_at=timezone.now(), subject="Intakeverslag")
    f.OutcomeMeasureFactory(
        episode=episode,
        kind=MeasureKind.PFDI_20,
        source=MeasureSource.PATIENT_REPORTED,
        score=None,
        pfdi_popdi_6=Decimal("25.0"),
        pfdi_cradi_8=Decimal("12.5"),
        pfdi_udi_6=Decimal("37.5"),
        total=Decimal("75.0"),
    )
    answered = f.QuestionnaireAssignmentFactory(
        episode=episode,
        version=f.builtin_version("iciq_ui_sf"),
        status=AssignmentStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    for item in answered.version.items.all():
        f.QuestionnaireAnswerFactory(assignment=answered, item=item, option=item.options.first())
    f.QuestionnaireAssignmentFactory(episode=episode)  # sent, not opened: no response yet
    pain_map = f.PainMapFactory(episode=episode, source=PainMapSource.PATIENT)
    f.PainRegionFactory(pain_map=pain_map, region=PainRegionCode.COCCYX, intensity=7, character=PainCharacter.STABBING)
    return patient


@pytest.fixture
def record(therapist):
    return demo_record(therapist, bsn="111222333")


@pytest.fixture
def bundle(record):
    return json.loads(fhir_json(patient_record_fhir(record)))


def resources(bundle, kind):
    return [entry["resource"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == kind]


def address_of(bundle, kind):
    return [entry["fullUrl"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == kind]


def test_the_bundle_of_a_full_demo_record_validates_as_fhir(bundle):
    parsed = Bundle.model_validate(bundle)

    assert parsed.type == "collection"
    kinds = {entry.resource.get_resource_type() for entry in parsed.entry}
    assert kinds == set(RESOURCE_CLASSES)


def test_every_resource_validates_on_its_own(bundle):
    for entry in bundle["entry"]:
        resource = entry["resource"]
        RESOURCE_CLASSES[resource["resourceType"]].model_validate(resource)


def test_every_reference_inside_the_bundle_points_at_an_entry_of_it(bundle):
    addresses = {entry["fullUrl"] for entry in bundle["entry"]}
    text = json.dumps(bundle)

    referenced = {part.split('"')[0] for part in text.split('"reference": "')[1:]}

    assert referenced
    assert referenced <= addresses
    assert all(address.startswith("urn:uuid:") for address in addresses)
    assert len(addresses) == len(bundle["entry"])


def test_each_row_keeps_its_address_from_one_export_to_the_next(record, bundle):
    again = json.loads(fhir_json(patient_record_fhir(record)))

    assert [entry["fullUrl"] for entry in again["entry"]] == [entry["fullUrl"] for entry in bundle["entry"]]
    assert again["identifier"] != bundle["identifier"]


def test_patient_carries_name_birth_date_bsn_and_contact_details(record, bundle):
    (patient,) = resources(bundle, "Patient")

    assert patient["meta"]["profile"] == [PROFILE_PATIENT]
    assert patient["name"][0]["family"] == "de Vries"
    assert patient["name"][0]["given"] == ["Sanne"]
    assert patient["birthDate"] == record.date_of_birth.isoformat()
    assert patient["gender"] == "female"
    assert patient["identifier"] == [{"system": BSN_SYSTEM, "value": "111222333"}]
    assert {"system": "email", "value": "sanne@example.org", "use": "home"} in patient["telecom"]
    assert patient["address"][0]["text"] == "Lindelaan 4, 9712 CD Groningen"
    assert patient["generalPractitioner"][0]["display"] == "Dr. Jansen"
    assert patient["managingOrganization"]["display"] == record.practice.name


def test_a_patient_without_a_bsn_gets_no_identifier(therapist):
    patient = f.PatientFactory(practice=therapist.practice, responsible_therapist=therapist, sex=Sex.UNDISCLOSED)

    (resource,) = resources(json.loads(fhir_json(patient_record_fhir(patient))), "Patient")

    assert "identifier" not in resource
    assert resource["gender"] == "unknown"


def test_episodes_of_care_carry_status_period_and_the_complaint(bundle):
    episodes = resources(bundle, "EpisodeOfCare")
    complaints = dict(zip(address_of(bundle, "Condition"), resources(bundle, "Condition"), strict=True))

    assert {episode["status"] for episode in episodes} == {"active", "finished"}
    finished = next(episode for episode in episodes if episode["status"] == "finished")
    assert set(finished["period"]) == {"start", "end"}
    assert all(episode["meta"]["profile"] == [PROFILE_EPISODE] for episode in episodes)
    condition = complaints[finished["diagnosis"][0]["condition"]["reference"]]
    assert condition["code"]["text"] == "Bekkenpijn na de bevalling"
    assert condition["clinicalStatus"]["coding"][0]["code"] == "resolved"


def test_conditions_hold_the_complaints_and_the_ics_classes_in_text(bundle):
    conditions = resources(bundle, "Condition")
    texts = [condition["code"]["text"] for condition in conditions]

    assert "Urineverlies bij hoesten" in texts
    assert len([text for text in texts if str(PelvicFloorClass.OVERACTIVE.label).lower() in text]) == 2
    assert all(condition["meta"]["profile"] == [PROFILE_PROBLEM] for condition in conditions)
    assert all(condition["category"][0]["coding"][0]["code"] == "55607006" for condition in conditions)
    assert all("coding" not in condition["code"] for condition in conditions)
    classified = next(condition for condition in conditions if "ICS" in condition["code"]["text"])
    assert classified["note"] == [{"text": "Pijn bij zitten"}]


def observations_by_text(bundle):
    return {observation["code"]["text"]: observation for observation in resources(bundle, "Observation")}


def test_pain_is_coded_in_loinc_and_snomed_and_follows_the_pain_score_profile(bundle):
    pain = [obs for obs in resources(bundle, "Observation") if obs["code"]["text"] == MeasureKind.NRS_PAIN.label]

    assert len(pain) == 2
    codes = {(coding["system"], coding["code"]) for coding in pain[0]["code"]["coding"]}
    assert codes == {(LOINC, "72514-3"), (SNOMED, "225908003")}
    assert pain[0]["valueInteger"] == 6
    assert pain[0]["meta"]["profile"] == [PROFILE_PAIN_SCORE]
    assert pain[0]["status"] == "final"


def test_the_other_measures_give_their_score_and_items_in_text(bundle):
    observations = observations_by_text(bundle)

    iciq = observations[MeasureKind.ICIQ_UI_SF.label]
    psk = observations[MeasureKind.PSK.label]
    pgi = observations[MeasureKind.PGI_I.label]
    assert iciq["valueInteger"] == 10
    assert [component["valueInteger"] for component in iciq["component"]] == [3, 2, 5]
    assert psk["valueQuantity"]["value"] == 5.5
    assert [component["valueInteger"] for component in psk["component"]] == [7, 4]
    assert pgi["valueInteger"] == 2
    assert all("coding" not in obs["code"] for obs in (iciq, psk, pgi))


def test_a_pfdi_20_the_patient_filled_in_gives_its_subscales_and_names_the_patient_as_performer(record, bundle):
    pfdi = observations_by_text(bundle)[MeasureKind.PFDI_20.label]

    assert pfdi["valueQuantity"]["value"] == 75.0
    assert [component["valueQuantity"]["value"] for component in pfdi["component"]] == [25.0, 12.5, 37.5]
    assert pfdi["performer"][0]["reference"] == address_of(bundle, "Patient")[0]


def test_each_painful_region_of_a_pain_map_is_a_pain_score_at_its_body_site(bundle):
    (region,) = [obs for obs in resources(bundle, "Observation") if "bodySite" in obs]

    assert region["bodySite"]["text"] == PainRegionCode.COCCYX.label
    assert region["valueInteger"] == 7
    assert region["component"][0]["valueCodeableConcept"]["text"] == PainCharacter.STABBING.label
    assert {coding["code"] for coding in region["code"]["coding"]} == {"72514-3", "225908003"}
    assert region["performer"][0]["reference"] == address_of(bundle, "Patient")[0]


def test_an_answered_questionnaire_is_a_response_to_its_definition_in_the_bundle(bundle):
    (response,) = resources(bundle, "QuestionnaireResponse")
    (definition,) = resources(bundle, "Questionnaire")

    assert response["status"] == "completed"
    assert response["questionnaire"] == f"{definition['url']}|{definition['version']}"
    assert [item["linkId"] for item in response["item"]] == [item["linkId"] for item in definition["item"]]
    assert all(item["answer"][0]["valueString"] for item in response["item"])
    assert response["author"]["reference"] == address_of(bundle, "Patient")[0]


def test_biofeedback_readings_carry_their_units(bundle):
    sessions = [
        obs for obs in resources(bundle, "Observation") if obs["category"][0]["coding"][0]["code"] == "procedure"
    ]

    readings = {
        (component["valueQuantity"]["value"], component["valueQuantity"]["code"])
        for session in sessions
        for component in session["component"]
    }
    assert readings == {(6.5, "uV"), (24.0, "uV"), (4.0, "s"), (20.0, "mm[Hg]"), (45.5, "mm[Hg]")}
    methods = {session["method"]["text"] for session in sessions}
    assert methods == {str(BiofeedbackModality.SURFACE_EMG.label), str(BiofeedbackModality.PRESSURE_PROBE.label)}


def test_careplan_holds_the_interventions_and_names_its_goals(bundle):
    (plan,) = resources(bundle, "CarePlan")
    goals = dict(zip(address_of(bundle, "Goal"), resources(bundle, "Goal"), strict=True))

    assert plan["status"] == "active"
    assert plan["intent"] == "plan"
    assert len(plan["activity"]) == 2
    assert {activity["detail"]["status"] for activity in plan["activity"]} == {"in-progress"}
    assert "Thuis" in plan["activity"][1]["detail"]["description"]
    assert {goal["reference"] for goal in plan["goal"]} == set(goals)
    achieved = next(goal for goal in goals.values() if goal["description"]["text"] == "Zitten zonder pijn")
    assert achieved["lifecycleStatus"] == "completed"
    assert achieved["achievementStatus"]["coding"][0]["code"] == "achieved"
    assert achieved["target"][0]["detailString"] == "Score onder 6"


def test_a_draft_plan_is_a_draft_careplan_with_activities_not_started(therapist):
    plan = f.TreatmentPlanFactory(episode=f.CareEpisodeFactory(patient=f.PatientFactory(practice=therapist.practice)))
    f.InterventionFactory(plan=plan)

    (careplan,) = resources(json.loads(fhir_json(patient_record_fhir(plan.episode.patient))), "CarePlan")

    assert plan.status == PlanStatus.DRAFT
    assert careplan["status"] == "draft"
    assert careplan["activity"][0]["detail"]["status"] == "not-started"


def test_referrals_are_service_requests_based_on_the_plan(bundle):
    requests = resources(bundle, "ServiceRequest")
    (plan_address,) = address_of(bundle, "CarePlan")

    assert len(requests) == 2
    assert all(request["basedOn"] == [{"reference": plan_address}] for request in requests)
    gp = next(request for request in requests if request.get("reasonCode"))
    assert gp["reasonCode"][0]["text"] == "Overleg over pijnstilling."
    assert gp["performer"][0]["display"] == "Dr. Jansen"
    needling = next(request for request in requests if "bodySite" in request)
    assert needling["status"] == "draft"
    assert needling["performer"][0]["display"] == "M. de Wit, Bekkenpraktijk Oost"


def test_a_sent_needling_referral_is_active(therapist):
    plan = f.TreatmentPlanFactory(episode=f.CareEpisodeFactory(patient=f.PatientFactory(practice=therapist.practice)))
    f.NeedlingReferralFactory(
        plan=plan,
        status=NeedlingStatus.SENT,
        sent_at=timezone.now(),
        consent_given=True,
        consent_given_by="De patiënt",
        uses_anticoagulants=False,
        bleeding_disorder=False,
        pregnant=False,
        fear_of_needles=False,
    )

    (request,) = resources(json.loads(fhir_json(patient_record_fhir(plan.episode.patient))), "ServiceRequest")

    assert request["status"] == "active"


def test_letters_are_document_references_with_their_pdf(bundle):
    documents = resources(bundle, "DocumentReference")

    assert {document["docStatus"] for document in documents} == {"final", "preliminary"}
    for document in documents:
        attachment = document["content"][0]["attachment"]
        assert attachment["contentType"] == "application/pdf"
        assert base64.b64decode(attachment["data"]).startswith(b"%PDF")
    assert {document["description"] for document in documents} == {"Voortgangsverslag", "Intakeverslag"}


def test_the_bundle_holds_nothing_of_another_patient(therapist, record):
    other = demo_record(therapist, first_name="Ella", last_name="Bakker")

    text = fhir_json(patient_record_fhir(record)).decode()

    assert text.count('"resourceType": "Patient"') == 1
    assert "Bakker" not in text
    # A questionnaire's definition is no one's data: both bundles may hold the same one.
    own = {
        entry["fullUrl"] for entry in json.loads(text)["entry"] if entry["resource"]["resourceType"] != "Questionnaire"
    }
    assert not {entry.fullUrl for entry in patient_record_fhir(other).entry} & own


def test_every_resource_type_is_one_registered_function():
    assert extensions.fhir_builders[: len(RECORD_FHIR_BUILDERS)] == RECORD_FHIR_BUILDERS


@pytest.mark.parametrize("size", [1, 3])
def test_the_bundle_reads_each_part_once_however_large_the_record(therapist, size):
    small = full_record(f.PatientFactory(practice=therapist.practice, responsible_therapist=therapist), size=1)
    large = full_record(f.PatientFactory(practice=therapist.practice, responsible_therapist=therapist), size=size)

    def queries(patient):
        with CaptureQueriesContext(connection) as captured:
            Bundle.model_validate_json(fhir_json(patient_record_fhir(patient)))
        return len(captured)

    assert queries(large) == queries(small)


# --- the downloads -------------------------------------------------------------------------------


def fhir_exports(patient):
    return AccessLogEntry.objects.filter(
        patient=patient, action=AccessAction.EXPORT, outcome=AccessOutcome.SUCCESS, detail="fhir"
    )


def downloaded_bundle(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert response["Content-Disposition"].endswith('.fhir.json"')
    return Bundle.model_validate_json(response.content)


def test_patient_downloads_own_record_as_fhir_and_the_download_is_logged(client, therapist, patient_user):
    record = demo_record(therapist, user=patient_user)
    demo_record(therapist)
    client.force_login(patient_user)

    bundle = downloaded_bundle(client.get(reverse("portal:record_export_fhir")))

    patients = [entry.resource for entry in bundle.entry if entry.resource.get_resource_type() == "Patient"]
    assert [patient.name[0].family for patient in patients] == [record.last_name]
    entry = fhir_exports(record).get()
    assert (entry.user, entry.part) == (patient_user, RecordPart.WHOLE_RECORD)


def test_therapist_exports_a_patients_record_as_fhir_and_it_is_logged(client, therapist, record):
    client.force_login(therapist)

    bundle = downloaded_bundle(client.get(reverse("patients:record_export_fhir", args=[record.pk])))

    assert len(bundle.entry) > 10
    assert fhir_exports(record).get().user == therapist


def test_both_record_pages_offer_the_fhir_download(client, therapist, patient_user):
    record = demo_record(therapist, user=patient_user)
    client.force_login(patient_user)
    portal = client.get(reverse("portal:record"))
    client.force_login(therapist)
    page = client.get(reverse("patients:patient_detail", args=[record.pk]))

    assert reverse("portal:record_export_fhir") in portal.text
    assert reverse("patients:record_export_fhir", args=[record.pk]) in page.text
