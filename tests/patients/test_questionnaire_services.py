"""Questionnaires end to end in the services: built-ins loaded once, sending, answering, scoring into measures."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from patients.choices import AssignmentStatus, MeasureSource
from patients.models import OutcomeMeasure, Questionnaire, QuestionnaireVersion
from patients.services import questionnaires as services
from patients.services.questionnaires import BUILTIN_QUESTIONNAIRES, builtin_questionnaires_sync, version_definition
from tests.factories import CareEpisodeFactory, PatientFactory, PatientUserFactory, builtin_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_patient(therapist):
    return PatientFactory(
        practice=therapist.practice,
        responsible_therapist=therapist,
        user=PatientUserFactory(practice=therapist.practice),
    )


@pytest.fixture
def episode(home_patient):
    return CareEpisodeFactory(patient=home_patient, therapist=home_patient.responsible_therapist, status="in_treatment")


def send(episode, code, days=7):
    return services.questionnaire_send(
        episode=episode,
        version=builtin_version(code),
        due_on=timezone.localdate() + datetime.timedelta(days=days),
        acting_user=episode.therapist,
    )


def answer(assignment, scores: dict):
    """Answer the questions by code with the option of that score (None leaves it out; a list for several)."""
    items = {item.code: item for item in assignment.version.items.prefetch_related("options")}
    user = assignment.episode.patient.user
    for code, score in scores.items():
        item = items[code]
        if item.multiple:
            wanted = score if isinstance(score, list) else [score]
            chosen = [option for option in item.options.all() if option.score in wanted]
            services.answer_save(assignment=assignment, item=item, options=chosen, acting_user=user)
            continue
        option = None if score is None else next(option for option in item.options.all() if option.score == score)
        services.answer_save(assignment=assignment, item=item, option=option, acting_user=user)


def test_built_in_questionnaires_are_loaded_once_and_unchanged_on_the_next_sync():
    assert set(Questionnaire.objects.filter(practice=None).values_list("code", flat=True)) >= {
        "pain_nrs",
        "pgi_i",
        "psk",
        "iciq_ui_sf",
        "pfdi_20",
    }
    assert builtin_questionnaires_sync() == (0, 0)
    assert builtin_version("pfdi_20").items.count() == 20


def test_a_changed_definition_becomes_a_new_version_and_answers_keep_theirs(tmp_path, episode):
    sent = send(episode, "pain_nrs")
    changed = tmp_path / "questionnaires.toml"
    changed.write_text(BUILTIN_QUESTIONNAIRES.read_text().replace("Pijn (NRS)", "Pijn nu (NRS)"), encoding="utf-8")

    assert builtin_questionnaires_sync(path=changed) == (0, 1)

    current = builtin_version("pain_nrs")
    assert current.number == sent.version.number + 1
    assert current.title_nl == "Pijn nu (NRS)"
    sent.refresh_from_db()
    assert sent.version.title_nl == "Pijn (NRS)"


def test_iciq_answers_land_as_a_patient_reported_measure_that_keeps_the_iciq_constraint(episode):
    assignment = send(episode, "iciq_ui_sf")
    answer(assignment, {"frequency": 2, "amount": 4, "impact": 3, "when": 2})

    done = services.assignment_submit(assignment=assignment, acting_user=episode.patient.user)

    measure = OutcomeMeasure.objects.get(episode=episode)
    assert done.status == AssignmentStatus.SUBMITTED and done.measure == measure
    assert (measure.kind, measure.source, measure.total) == ("iciq_ui_sf", MeasureSource.PATIENT_REPORTED, 9)
    assert (measure.iciq_frequency, measure.iciq_amount, measure.iciq_impact) == (2, 4, 3)


def test_pfdi_answers_land_with_their_subscales(episode):
    assignment = send(episode, "pfdi_20")
    answer(assignment, {**{f"popdi_{n}": 2 for n in range(1, 7)}, **{f"cradi_{n}": 1 for n in range(1, 9)}})
    answer(assignment, {"udi_1": 1, "udi_2": 1, "udi_3": 1, "udi_4": 0, "udi_5": 0, "udi_6": 0})

    services.assignment_submit(assignment=assignment, acting_user=episode.patient.user)

    measure = OutcomeMeasure.objects.get(episode=episode, kind="pfdi_20")
    assert (measure.pfdi_popdi_6, measure.pfdi_cradi_8, measure.pfdi_udi_6) == (50, 25, Decimal("12.5"))
    assert measure.total == Decimal("87.5")


def test_pfdi_with_too_many_questions_left_out_is_kept_but_not_scored(episode):
    assignment = send(episode, "pfdi_20")
    answer(assignment, {"popdi_1": 1, "cradi_1": 1, "udi_1": 1})

    done = services.assignment_submit(assignment=assignment, acting_user=episode.patient.user)

    assert done.status == AssignmentStatus.SUBMITTED and done.total is None
    assert not OutcomeMeasure.objects.filter(episode=episode).exists()


def test_a_required_question_left_out_is_refused_at_submission(episode):
    assignment = send(episode, "iciq_ui_sf")
    answer(assignment, {"frequency": 2, "amount": 4})
    with pytest.raises(ValidationError):
        services.assignment_submit(assignment=assignment, acting_user=episode.patient.user)


def test_submitted_answers_cannot_be_changed_or_submitted_twice(episode):
    assignment = send(episode, "pain_nrs")
    answer(assignment, {"pain": 4})
    services.assignment_submit(assignment=assignment, acting_user=episode.patient.user)

    with pytest.raises(ValidationError):
        answer(assignment, {"pain": 2})
    with pytest.raises(ValidationError):
        services.assignment_submit(assignment=assignment, acting_user=episode.patient.user)
    assert OutcomeMeasure.objects.get(episode=episode).total == 4


def test_answers_after_discharge_are_refused_and_nothing_is_sent_then(episode):
    assignment = send(episode, "pain_nrs")
    episode.status = "discharged"
    episode.discharged_on = timezone.localdate()
    episode.save()

    with pytest.raises(ValidationError):
        answer(assignment, {"pain": 3})
    with pytest.raises(ValidationError):
        send(episode, "pgi_i")


def test_an_answer_from_another_questionnaire_is_refused(episode):
    assignment = send(episode, "pain_nrs")
    other_item = builtin_version("pgi_i").items.get()
    with pytest.raises(ValidationError):
        services.answer_save(
            assignment=assignment, item=other_item, option=other_item.options.first(), acting_user=episode.patient.user
        )


def test_pain_of_9_is_marked_for_the_therapist(episode):
    assignment = send(episode, "pain_nrs")
    answer(assignment, {"pain": 9})
    assert services.assignment_submit(assignment=assignment, acting_user=episode.patient.user).red_flag


def test_official_wording_makes_a_practice_own_version_only_that_practice_sees(practice_admin, other_admin, episode):
    sent = send(episode, "iciq_ui_sf")
    builtin = builtin_version("iciq_ui_sf")
    definition = version_definition(builtin)
    definition["items"][0]["official_text_nl"] = "Officiële tekst van vraag 3"

    own = services.version_revise(version=builtin, definition=definition, acting_user=practice_admin)

    assert own.questionnaire.practice == practice_admin.practice and own.questionnaire.measure_kind == "iciq_ui_sf"
    mine = QuestionnaireVersion.objects.for_user(practice_admin).current().filter(questionnaire__code="iciq_ui_sf")
    assert list(mine) == [own]
    theirs = QuestionnaireVersion.objects.for_user(other_admin).current().get(questionnaire__code="iciq_ui_sf")
    assert theirs == builtin and not theirs.has_official_wording
    sent.refresh_from_db()
    assert sent.version == builtin
