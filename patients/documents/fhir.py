"""The patient's record as a FHIR R4 bundle, to take to another care provider (GDPR art. 20).

Each resource type is one function, record → [(row, resource)], registered in
`patients.extensions.fhir_builders`; an app above the record registers its own the same way. The
models come from fhir.resources (its R4B package, which is R4 on the wire for these resources), so
building a resource validates it. Resources point at each other by `urn:uuid:` addresses derived
from the row they come from, so the same row has the same address in every export. Codes are given
only where a code system holds a sure one; otherwise a resource says what it is in text.
"""

import base64
import datetime
import uuid
from dataclasses import dataclass, field
from functools import cached_property

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.documentreference import DocumentReference
from fhir.resources.R4B.episodeofcare import EpisodeOfCare
from fhir.resources.R4B.goal import Goal
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient as FhirPatient
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.servicerequest import ServiceRequest

from patients import extensions
from patients.choices import (
    AssignmentStatus,
    EpisodeStatus,
    LetterStatus,
    MeasureKind,
    MeasureSource,
    NeedlingStatus,
    PainMapSource,
    PlanStatus,
    Sex,
)
from patients.documents.letters import letter_pdf
from patients.forms.interventions import parameter_rows
from patients.models import (
    BiofeedbackSession,
    CareEpisode,
    Classification,
    GPLetter,
    Intervention,
    NeedlingReferral,
    OutcomeMeasure,
    PainRegion,
    Patient,
    PlanGoal,
    QuestionnaireAnswer,
    QuestionnaireAssignment,
    QuestionnaireItem,
    Referral,
    TreatmentPlan,
)
from patients.models.measures import ICIQ_FIELDS, PFDI_FIELDS

# The addresses of a record's resources are uuid5 names in this namespace, so they stay the same from export to export.
RESOURCE_NAMESPACE = uuid.UUID("5f0c1a3e-8a4b-5c7d-9e21-6b3f0d4a2c18")

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
BSN_SYSTEM = "http://fhir.nl/fhir/NamingSystem/bsn"
AGB_SYSTEM = "http://fhir.nl/fhir/NamingSystem/agb-z"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
# The Dutch profiles (zib 2020 for FHIR R4, Nictiz) that a resource follows where one exists.
NICTIZ = "http://nictiz.nl/fhir/StructureDefinition/"
PROFILE_PATIENT = NICTIZ + "nl-core-Patient"
PROFILE_EPISODE = NICTIZ + "nl-core-EpisodeOfCare"
PROFILE_PROBLEM = NICTIZ + "nl-core-Problem"
PROFILE_PAIN_SCORE = NICTIZ + "nl-core-PainScore"
# Nictiz's extension for the care episode a resource belongs to, for resources that R4 gives no field for it.
EXTENSION_EPISODE = NICTIZ + "ext-Context-EpisodeOfCare"

GENDER = {Sex.FEMALE: "female", Sex.MALE: "male", Sex.INTERSEX: "other", Sex.UNDISCLOSED: "unknown"}
EPISODE_STATUS = {
    EpisodeStatus.SCREENING: "planned",
    EpisodeStatus.INTAKE: "active",
    EpisodeStatus.IN_TREATMENT: "active",
    EpisodeStatus.DISCHARGED: "finished",
}
PLAN_STATUS = {
    PlanStatus.DRAFT: "draft",
    PlanStatus.ACTIVE: "active",
    PlanStatus.REVISED: "active",
    PlanStatus.CLOSED: "completed",
}
ACTIVITY_STATUS = {
    PlanStatus.DRAFT: "not-started",
    PlanStatus.ACTIVE: "in-progress",
    PlanStatus.REVISED: "in-progress",
    PlanStatus.CLOSED: "completed",
}
# SNOMED CT "Problem" (55607006): the category nl-core-Problem gives a problem.
PROBLEM_CATEGORY = {"coding": [{"system": SNOMED, "code": "55607006", "display": "Problem"}]}
# Pain on the 0–10 numeric rating scale: SNOMED CT "Pain score" as zib PainScore fixes it, and LOINC's NRS score.
PAIN_CODE = [
    {"system": SNOMED, "code": "225908003", "display": "Pain score"},
    {"system": LOINC, "code": "72514-3", "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"},
]
# What became of a questionnaire the patient was sent; one never opened has no response yet.
RESPONSE_STATUS = {
    AssignmentStatus.STARTED: "in-progress",
    AssignmentStatus.SUBMITTED: "completed",
    AssignmentStatus.WITHDRAWN: "stopped",
}


def _coding(system, code):
    return {"coding": [{"system": system, "code": code}]}


def _category(code):
    return [_coding(OBSERVATION_CATEGORY, code)]


@dataclass
class FhirExport:
    """The patient's record as the builders read it, and the addresses its resources get in the bundle."""

    patient: Patient
    base_url: str = "/"
    _people: dict = field(default_factory=dict)

    def address(self, row: models.Model, aspect: str = "") -> str:
        """Return the urn:uuid address of the resource made from a row (an aspect tells two from one row apart)."""
        name = f"{row._meta.label_lower}:{row.pk}:{aspect}"
        return f"urn:uuid:{uuid.uuid5(RESOURCE_NAMESPACE, name)}"

    def reference(self, row: models.Model, aspect: str = "") -> dict:
        return {"reference": self.address(row, aspect)}

    def subject(self) -> dict:
        return {"reference": self.address(self.patient), "display": str(self.patient)}

    def in_episode(self, episode_id: int) -> list:
        """Return the extension that ties a resource to its care episode."""
        episode = CareEpisode(pk=episode_id)
        return [{"url": EXTENSION_EPISODE, "valueReference": self.reference(episode)}]

    def person(self, user) -> dict:
        """Return a reference to a member of staff by name (the bundle holds no Practitioner resources)."""
        return {"display": str(user)}

    @cached_property
    def episodes(self) -> list:
        return list(CareEpisode.objects.filter(patient=self.patient).select_related("therapist"))

    @cached_property
    def questionnaire_answers(self) -> dict:
        """Return the patient's answers by questionnaire sent, in the order of the questions."""
        answers = {}
        rows = (
            QuestionnaireAnswer.objects.filter(assignment__episode__patient=self.patient)
            .select_related("item", "option")
            .prefetch_related("choices__option")
        )
        for answer in rows:
            answers.setdefault(answer.assignment_id, []).append(answer)
        return answers

    @cached_property
    def answered_questionnaires(self) -> list:
        """Return the questionnaires the patient submitted, or began answering (an unopened one has no response)."""
        assignments = (
            QuestionnaireAssignment.objects.filter(episode__patient=self.patient)
            .exclude(status=AssignmentStatus.SENT)
            .select_related("version")
            .order_by("sent_at", "pk")
        )
        return [
            assignment
            for assignment in assignments
            if assignment.status == AssignmentStatus.SUBMITTED or assignment.pk in self.questionnaire_answers
        ]

    @cached_property
    def plans(self) -> list:
        return list(TreatmentPlan.objects.filter(episode__patient=self.patient).select_related("episode", "created_by"))


# --- the resources -------------------------------------------------------------------------------


def patient_resources(record: FhirExport) -> list:
    """Give the patient: name, birth date, gender, contact details, GP and practice (nl-core-Patient)."""
    patient, practice = record.patient, record.patient.practice
    resource = {
        "meta": {"profile": [PROFILE_PATIENT]},
        "identifier": [{"system": BSN_SYSTEM, "value": patient.bsn}] if patient.bsn else None,
        "name": [
            {
                "use": "official",
                "text": str(patient),
                "family": patient.last_name,
                "given": [patient.first_name],
            }
        ],
        "gender": GENDER.get(patient.sex, "unknown"),
        "birthDate": patient.date_of_birth,
        "telecom": [
            {"system": system, "value": value, "use": "home"}
            for system, value in (("phone", patient.phone), ("email", patient.email))
            if value
        ]
        or None,
        "address": [{"use": "home", "text": patient.address}] if patient.address else None,
        "communication": [{"language": _coding("urn:ietf:bcp:47", patient.language), "preferred": True}],
        "generalPractitioner": [{"display": ", ".join(part for part in (patient.gp_name, patient.gp_practice) if part)}]
        if patient.gp_name or patient.gp_practice
        else None,
        "managingOrganization": {
            "display": practice.name,
            **({"identifier": {"system": AGB_SYSTEM, "value": practice.agb_code}} if practice.agb_code else {}),
        },
        "active": patient.archived_at is None,
    }
    return [(patient, FhirPatient(**_filled(resource)))]


def episode_resources(record: FhirExport) -> list:
    """Give each care episode with its status, period and therapist (nl-core-EpisodeOfCare)."""
    result = []
    for episode in record.episodes:
        resource = {
            "meta": {"profile": [PROFILE_EPISODE]},
            "status": EPISODE_STATUS[episode.status],
            "type": [{"text": _("Pelvic physiotherapy")}],
            "diagnosis": [{"condition": record.reference(episode, "complaint"), "rank": 1}],
            "patient": record.subject(),
            "managingOrganization": {"display": record.patient.practice.name},
            "period": _filled({"start": episode.started_on, "end": episode.discharged_on}),
            "careManager": record.person(episode.therapist),
        }
        result.append((episode, EpisodeOfCare(**resource)))
    return result


def _problem(record, episode_id, *, text, onset, recorded, active, note=""):
    status = "active" if active else "resolved"
    return Condition(
        **_filled(
            {
                "meta": {"profile": [PROFILE_PROBLEM]},
                "extension": record.in_episode(episode_id),
                "clinicalStatus": _coding(CONDITION_CLINICAL, status),
                "verificationStatus": _coding(CONDITION_VERIFICATION, "confirmed"),
                "category": [PROBLEM_CATEGORY],
                "code": {"text": text},
                "subject": record.subject(),
                "onsetDateTime": onset,
                "recordedDate": recorded,
                "note": [{"text": note}] if note else None,
            }
        )
    )


def condition_resources(record: FhirExport) -> list:
    """Give each episode's main complaint and each ICS classification of the pelvic floor as a problem.

    SNOMED CT has no concept for an ICS class of pelvic floor function as the app records it, and the
    complaint is the therapist's own words, so both are given in text (nl-core-Problem).
    """
    result = [
        (
            (episode, "complaint"),
            _problem(
                record,
                episode.pk,
                text=episode.main_complaint,
                onset=episode.started_on,
                recorded=episode.started_on,
                active=episode.is_open,
            ),
        )
        for episode in record.episodes
    ]
    open_episodes = {episode.pk for episode in record.episodes if episode.is_open}
    for classification in Classification.objects.filter(episode__patient=record.patient):
        text = _("Pelvic floor function (ICS): %(class)s") % {
            "class": classification.get_pelvic_floor_class_display().lower()
        }
        condition = _problem(
            record,
            classification.episode_id,
            text=text,
            onset=classification.classified_on,
            recorded=classification.classified_on,
            active=classification.episode_id in open_episodes,
            note=classification.complaint_pattern,
        )
        result.append((classification, condition))
    return result


def _component(text, value):
    return {"code": {"text": str(text)}, "valueInteger": value}


def _quantity(value, unit, code):
    return {"value": value, "unit": unit, "system": UCUM, "code": code}


def _measure(record, measure):
    """Return the Observation of one outcome measure: its score, and its items where it has them."""
    resource = {
        "extension": record.in_episode(measure.episode_id),
        "status": "final",
        "category": _category("survey"),
        "code": {"text": measure.get_kind_display()},
        "subject": record.subject(),
        "effectiveDateTime": measure.measured_on,
        # What the patient answered at home is the patient's own report, not the therapist's measurement.
        "performer": [
            record.subject() if measure.source == MeasureSource.PATIENT_REPORTED else record.person(measure.recorded_by)
        ],
        "note": [{"text": measure.notes}] if measure.notes else None,
    }
    if measure.kind == MeasureKind.NRS_PAIN:
        resource["meta"] = {"profile": [PROFILE_PAIN_SCORE]}
        resource["code"]["coding"] = PAIN_CODE
    if measure.kind in (MeasureKind.NRS_PAIN, MeasureKind.PGI_I):
        resource["valueInteger"] = measure.score
    elif measure.kind == MeasureKind.PSK:
        # The PSK result is the mean of the activities scored: a number with a decimal, not a count.
        resource["valueQuantity"] = {"value": measure.total}
        scores = (measure.psk_score_1, measure.psk_score_2, measure.psk_score_3)
        resource["component"] = [
            _component(_("Activity %(number)s") % {"number": number}, score)
            for number, score in enumerate(scores, start=1)
            if score is not None
        ]
    elif measure.kind == MeasureKind.PFDI_20:
        # The total (0–300) is the sum of the three subscales, each a mean × 25 with one decimal.
        resource["valueQuantity"] = {"value": measure.total}
        resource["component"] = [
            {
                "code": {"text": str(OutcomeMeasure._meta.get_field(name).verbose_name)},
                "valueQuantity": {"value": getattr(measure, name)},
            }
            for name in PFDI_FIELDS
        ]
    else:
        resource["valueInteger"] = int(measure.total)
        resource["component"] = [
            _component(OutcomeMeasure._meta.get_field(name).verbose_name, getattr(measure, name))
            for name in ICIQ_FIELDS
        ]
    return Observation(**_filled(resource))


# The readings of a biofeedback session: (field, UCUM unit as shown, UCUM code).
READINGS = [
    ("resting_tone_uv", "µV", "uV"),
    ("peak_uv", "µV", "uV"),
    ("relax_time_s", "s", "s"),
    ("resting_pressure_mmhg", "mmHg", "mm[Hg]"),
    ("peak_pressure_mmhg", "mmHg", "mm[Hg]"),
]


def _biofeedback(record, session):
    """Return the Observation of one biofeedback session, each reading a component with its unit."""
    components = [
        {
            "code": {"text": str(BiofeedbackSession._meta.get_field(name).verbose_name)},
            "valueQuantity": _quantity(getattr(session, name), unit, code),
        }
        for name, unit, code in READINGS
        if getattr(session, name) is not None
    ]
    resource = {
        "extension": record.in_episode(session.plan.episode_id),
        "status": "final",
        "category": _category("procedure"),
        "code": {"text": _("Biofeedback of the pelvic floor")},
        "method": {"text": session.get_modality_display()},
        "subject": record.subject(),
        "effectiveDateTime": session.session_on,
        "performer": [record.person(session.therapist)],
        "component": components,
        "note": [{"text": text} for text in (session.exercise, session.notes) if text],
    }
    return Observation(**_filled(resource))


def observation_resources(record: FhirExport) -> list:
    """Give every outcome measure and every biofeedback session's readings."""
    measures = OutcomeMeasure.objects.filter(episode__patient=record.patient).select_related("recorded_by")
    sessions = BiofeedbackSession.objects.filter(plan__episode__patient=record.patient).select_related(
        "plan", "therapist"
    )
    return [(measure, _measure(record, measure)) for measure in measures] + [
        (session, _biofeedback(record, session)) for session in sessions
    ]


def _pain_region(record, region):
    """Return the Observation of one painful region of a pain map: its intensity at a body site, and how it feels."""
    pain_map = region.pain_map
    by_patient = pain_map.source == PainMapSource.PATIENT
    resource = {
        "extension": record.in_episode(pain_map.episode_id),
        "status": "final",
        "category": _category("survey"),
        "code": {"coding": PAIN_CODE, "text": _("Pain on the pain map")},
        "subject": record.subject(),
        "effectiveDateTime": pain_map.recorded_on,
        "performer": [record.subject() if by_patient else record.person(pain_map.recorded_by)],
        "bodySite": {"text": region.get_region_display()},
        "method": {"text": pain_map.get_body_view_display()},
        "valueInteger": region.intensity,
        "component": [
            {
                "code": {"text": str(PainRegion._meta.get_field("character").verbose_name)},
                "valueCodeableConcept": {"text": region.get_character_display()},
            }
        ],
        "note": [{"text": pain_map.notes}] if pain_map.notes else None,
    }
    return Observation(**_filled(resource))


def pain_map_resources(record: FhirExport) -> list:
    """Give every painful region of every pain map, so another system sees where it hurt and when."""
    regions = PainRegion.objects.filter(pain_map__episode__patient=record.patient).select_related(
        "pain_map__recorded_by"
    )
    return [(region, _pain_region(record, region)) for region in regions]


def _questionnaire(record, version, items):
    """Return the definition a response was given on: its questions and answers as the patient saw them."""
    resource = {
        "url": record.address(version),
        "version": str(version.number),
        "title": version.title,
        "status": "active",
        "subjectType": ["Patient"],
        "item": [
            {
                "linkId": item.code,
                "text": item.text,
                "type": "choice",
                "required": item.required,
                "repeats": item.multiple or None,
                "answerOption": [{"valueString": option.label} for option in item.options.all()],
            }
            for item in items
        ],
    }
    return Questionnaire(**resource)


def questionnaire_resources(record: FhirExport) -> list:
    """Give each questionnaire definition the patient's responses refer to, once."""
    versions = {assignment.version for assignment in record.answered_questionnaires}
    items = {}
    for item in QuestionnaireItem.objects.filter(version__in=versions).prefetch_related("options"):
        items.setdefault(item.version_id, []).append(item)
    return [
        (version, _questionnaire(record, version, items.get(version.pk, [])))
        for version in sorted(versions, key=lambda row: row.pk)
    ]


def _response(record, assignment, answers):
    """Return the QuestionnaireResponse of one questionnaire the patient answered, question by question."""
    resource = {
        "extension": record.in_episode(assignment.episode_id),
        "questionnaire": f"{record.address(assignment.version)}|{assignment.version.number}",
        "status": RESPONSE_STATUS[assignment.status],
        "subject": record.subject(),
        "author": record.subject(),
        "source": record.subject(),
        "authored": assignment.submitted_at or max((answer.answered_at for answer in answers), default=None),
        "item": [
            {
                "linkId": answer.item.code,
                "text": answer.item.text,
                "answer": [{"valueString": option.label} for option in answer.chosen_options] or None,
            }
            for answer in answers
        ],
    }
    return QuestionnaireResponse(**_filled({**resource, "item": [_filled(item) for item in resource["item"]] or None}))


def questionnaireresponse_resources(record: FhirExport) -> list:
    """Give every questionnaire the patient started, answered or that was withdrawn after answers."""
    answers = record.questionnaire_answers
    return [
        (assignment, _response(record, assignment, answers.get(assignment.pk, [])))
        for assignment in record.answered_questionnaires
    ]


def _goal(record, plan, goal):
    resource = {
        "extension": record.in_episode(plan.episode_id),
        "lifecycleStatus": "completed" if goal.achieved else ("active" if plan.is_in_force else "proposed"),
        "achievementStatus": _coding(GOAL_ACHIEVEMENT, "achieved" if goal.achieved else "in-progress"),
        "description": {"text": goal.description},
        "subject": record.subject(),
        "target": [{"measure": {"text": goal.measure}, "detailString": goal.target, "dueDate": goal.review_on}],
    }
    return Goal(**resource)


def _activity(plan, intervention):
    lines = [f"{label}: {value}" for label, value in parameter_rows(intervention)]
    if intervention.notes:
        lines.append(intervention.notes)
    detail = {
        "kind": "ServiceRequest",
        "code": {"text": intervention.get_kind_display()},
        "status": ACTIVITY_STATUS[plan.status],
        "description": "\n".join(str(line) for line in lines) or None,
    }
    return {"detail": _filled(detail)}


def careplan_resources(record: FhirExport) -> list:
    """Give each treatment plan with its interventions as activities, and its goals as Goals it names."""
    goals = list(PlanGoal.objects.filter(plan__episode__patient=record.patient))
    interventions = list(Intervention.objects.filter(plan__episode__patient=record.patient))
    result = []
    for plan in record.plans:
        own_goals = [goal for goal in goals if goal.plan_id == plan.pk]
        end = timezone.localdate(plan.closed_at) if plan.closed_at else None
        resource = {
            "extension": record.in_episode(plan.episode_id),
            "status": PLAN_STATUS[plan.status],
            "intent": "plan",
            "title": _("Treatment plan"),
            "description": plan.analysis or None,
            "subject": record.subject(),
            "period": _filled({"start": plan.started_on, "end": end}),
            "created": plan.created_at,
            "author": record.person(plan.created_by),
            "addresses": [record.reference(plan.episode, "complaint")],
            "goal": [record.reference(goal) for goal in own_goals] or None,
            "activity": [_activity(plan, item) for item in interventions if item.plan_id == plan.pk] or None,
            "note": [{"text": plan.closing_summary}] if plan.closing_summary else None,
        }
        result.append((plan, CarePlan(**_filled(resource))))
        result.extend((goal, _goal(record, plan, goal)) for goal in own_goals)
    return result


def servicerequest_resources(record: FhirExport) -> list:
    """Give each referral to a doctor or colleague, and each dry-needling referral."""
    plans = {plan.pk: plan for plan in record.plans}
    result = []
    for referral in Referral.objects.filter(plan__episode__patient=record.patient).select_related("created_by"):
        resource = {
            "extension": record.in_episode(plans[referral.plan_id].episode_id),
            "status": "active",
            "intent": "order",
            "code": {"text": referral.get_topic_display()},
            "subject": record.subject(),
            "basedOn": [record.reference(plans[referral.plan_id])],
            "authoredOn": referral.referred_on,
            "requester": record.person(referral.created_by),
            "performerType": {"text": referral.get_recipient_display()},
            "performer": [{"display": referral.recipient_name}] if referral.recipient_name else None,
            "reasonCode": [{"text": referral.reason}],
        }
        result.append((referral, ServiceRequest(**_filled(resource))))
    needling = NeedlingReferral.objects.filter(plan__episode__patient=record.patient).select_related(
        "created_by", "qualified_therapist"
    )
    for referral in needling:
        resource = {
            "extension": record.in_episode(plans[referral.plan_id].episode_id),
            "status": "active" if referral.status == NeedlingStatus.SENT else "draft",
            "intent": "order",
            "code": {"text": _("Dry needling")},
            "subject": record.subject(),
            "basedOn": [record.reference(plans[referral.plan_id])],
            "authoredOn": referral.sent_at or referral.created_at,
            "requester": record.person(referral.created_by),
            "performer": [{"display": referral.recipient_label}],
            "bodySite": [{"text": referral.target_muscles}],
            "patientInstruction": referral.aftercare,
        }
        result.append((referral, ServiceRequest(**_filled(resource))))
    return result


def documentreference_resources(record: FhirExport) -> list:
    """Give each letter to the GP with its PDF, as the practice sends or would send it."""
    letters = GPLetter.objects.filter(episode__patient=record.patient).select_related(
        "author", "episode__patient__practice"
    )
    result = []
    for letter in letters:
        pdf = letter_pdf(letter, base_url=record.base_url)
        resource = {
            "status": "current",
            "docStatus": "final" if letter.status == LetterStatus.SENT else "preliminary",
            "type": {"text": letter.get_kind_display()},
            "subject": record.subject(),
            "date": letter.sent_at or letter.created_at,
            "author": [record.person(letter.author)],
            "description": letter.subject,
            "content": [
                {
                    "attachment": {
                        "contentType": "application/pdf",
                        "language": record.patient.language,
                        "data": base64.b64encode(pdf),
                        "title": letter.subject,
                        "creation": letter.sent_at or letter.created_at,
                    }
                }
            ],
            "context": {"encounter": [record.reference(letter.episode)]},
        }
        result.append((letter, DocumentReference(**resource)))
    return result


# The record's own resource types; apps above it register theirs (patients.extensions).
RECORD_FHIR_BUILDERS = [
    patient_resources,
    episode_resources,
    condition_resources,
    observation_resources,
    pain_map_resources,
    questionnaire_resources,
    questionnaireresponse_resources,
    careplan_resources,
    servicerequest_resources,
    documentreference_resources,
]


def _filled(values: dict) -> dict:
    """Leave out what is not there: FHIR has no empty elements."""
    return {key: value for key, value in values.items() if value is not None}


def _address_of(record, row):
    """Return a resource's address; a builder names a second resource of one row as (row, aspect)."""
    return record.address(*row) if isinstance(row, tuple) else record.address(row)


def patient_record_fhir(patient: Patient, *, base_url: str = "/") -> Bundle:
    """Return the patient's record as a FHIR R4 collection bundle, validated as it is built."""
    record = FhirExport(patient=patient, base_url=base_url)
    entries = [
        {"fullUrl": _address_of(record, row), "resource": resource}
        for builder in extensions.fhir_builders
        for row, resource in builder(record)
    ]
    return Bundle(
        identifier={"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{uuid.uuid4()}"},
        type="collection",
        timestamp=timezone.now().astimezone(datetime.UTC),
        entry=entries,
    )


def fhir_json(bundle: Bundle) -> bytes:
    """Return the bundle as indented UTF-8 JSON."""
    return bundle.model_dump_json(exclude_none=True, indent=2).encode()
