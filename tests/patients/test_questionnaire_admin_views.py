"""The practice admin's questionnaire pages: adding one, its wording, revising, and who may see what."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from patients.models import Questionnaire, QuestionnaireAnswer, QuestionnaireAssignment, QuestionnaireVersion
from tests.factories import CareEpisodeFactory, PatientFactory, PatientUserFactory, builtin_version

pytestmark = pytest.mark.django_db


def editor_data(items, **version):
    """Return the editor's POST data: the questionnaire's fields and one row per question."""
    data = {
        "code": "sleep",
        "title_nl": "Slaap",
        "title_en": "Sleep",
        "intro_nl": "Twee vragen over uw slaap.",
        "intro_en": "Two questions about your sleep.",
        "method": "sum",
        "factor": "1",
        "missing_allowed": "0",
        "score_min": "0",
        "score_max": "6",
        "higher_is_better": "false",
        "mid": "1,5",
        **version,
        "items-TOTAL_FORMS": str(len(items) + 1),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "60",
    }
    for number, item in enumerate(items):
        data.update({f"items-{number}-{name}": value for name, value in item.items()})
    return data


def question(code, options, **extra):
    return {
        "code": code,
        "text_nl": f"Vraag {code}",
        "text_en": f"Question {code}",
        "scored": "on",
        "options": options,
        **extra,
    }


SLEEP = [
    question("q1", "0 | Nooit | Never\n1 | Soms | Sometimes\n3 | Vaak | Often | !"),
    question("q2", "0 | Nee | No\n3 | Ja | Yes", required="on"),
]


@pytest.fixture
def episode(therapist):
    account = PatientUserFactory(practice=therapist.practice)
    patient = PatientFactory(practice=therapist.practice, responsible_therapist=therapist, user=account)
    return CareEpisodeFactory(patient=patient, therapist=therapist, status="in_treatment")


def add_sleep(client, practice_admin):
    client.force_login(practice_admin)
    response = client.post(reverse("patients:questionnaire_create"), editor_data(SLEEP))
    assert response.status_code == 302, response.context["form"].errors
    return QuestionnaireVersion.objects.get(
        questionnaire__code="sleep", questionnaire__practice=practice_admin.practice
    )


def send_and_answer(client, episode, version, answers: dict):
    client.force_login(episode.therapist)
    due = timezone.localdate() + datetime.timedelta(days=7)
    sent = client.post(
        reverse("patients:questionnaire_send", args=[episode.pk]),
        {"version": version.pk, "due_on": due.strftime("%d-%m-%Y")},
    )
    assert sent.status_code == 302
    assignment = QuestionnaireAssignment.objects.filter(episode=episode).first()
    client.force_login(episode.patient.user)
    url = assignment.get_absolute_url()
    for position, (code, score) in enumerate(answers.items(), start=1):
        option = assignment.version.items.get(code=code).options.get(score=score)
        client.post(f"{url}?q={position}", {"option": option.pk})
    assert client.post(reverse("portal:questionnaire_submit", args=[assignment.pk])).status_code == 302
    assignment.refresh_from_db()
    return assignment


def test_admin_adds_a_questionnaire_a_therapist_sends_it_and_the_patient_is_scored_by_its_rule(
    client, practice_admin, episode
):
    version = add_sleep(client, practice_admin)
    assert (version.number, version.mid, version.items.count()) == (1, Decimal("1.5"), 2)
    assert version.items.get(code="q1").options.get(score=3).red_flag

    listed = client.get(reverse("patients:questionnaire_list"))
    assert "Slaap" in listed.text or "Sleep" in listed.text

    done = send_and_answer(client, episode, version, {"q1": 3, "q2": 3})

    assert done.total == 6 and done.red_flag and done.measure is None


def test_a_mean_times_factor_questionnaire_scores_by_its_rule(client, practice_admin, episode):
    client.force_login(practice_admin)
    data = editor_data(
        [question("a", "0 | Nee | No\n4 | Ja | Yes"), question("b", "0 | Nee | No\n4 | Ja | Yes")],
        method="mean",
        factor="25",
        score_max="100",
        missing_allowed="50",
    )
    assert client.post(reverse("patients:questionnaire_create"), data).status_code == 302
    version = QuestionnaireVersion.objects.get(questionnaire__code="sleep")

    done = send_and_answer(client, episode, version, {"a": 4})

    assert done.total == 100  # one of two left out is allowed: the mean of the answered one × 25


@pytest.mark.parametrize(
    ("items", "version", "message"),
    [
        ([], {}, "Voeg ten minste één vraag toe."),
        ([question("q1", "0 | Nee | No\n9 | Ja | Yes")], {}, "de score 9 ligt buiten het bereik 0–6"),
        ([question("q1", "0 | Nee | No"), question("q1", "1 | Ja | Yes")], {}, "voor meer dan één vraag"),
        ([question("q1", "0 | Nee")], {}, "Regel 1: schrijf score | Nederlands | Engels"),
        ([question("q1", "0 | Nee | No\n1 | Ja | Yes", multiple="on")], {}, "meerdere antwoorden"),
        (SLEEP, {"score_min": "6", "score_max": "0"}, "De hoogste score moet boven de laagste liggen."),
    ],
)
def test_a_definition_that_cannot_be_scored_is_refused_with_what_was_typed_kept(
    client, practice_admin, items, version, message
):
    client.force_login(practice_admin)
    response = client.post(reverse("patients:questionnaire_create"), editor_data(items, **version))
    assert response.status_code == 200
    assert message in response.text
    assert 'value="Slaap"' in response.text
    assert not Questionnaire.objects.filter(code="sleep").exists()


def test_revising_makes_a_new_version_and_earlier_answers_keep_theirs(client, practice_admin, episode):
    version = add_sleep(client, practice_admin)
    done = send_and_answer(client, episode, version, {"q1": 1, "q2": 0})
    client.force_login(practice_admin)
    url = reverse("patients:questionnaire_revise", args=[version.questionnaire.pk])
    form = client.get(url)
    assert "Vraag q1" in form.text

    changed = [question("q1", "0 | Nooit | Never\n2 | Soms | Sometimes\n3 | Vaak | Often | !"), SLEEP[1]]
    data = editor_data(changed, title_nl="Slaap (nieuw)")
    data.pop("code")
    assert client.post(url, data).status_code == 302

    newest = version.questionnaire.versions.order_by("-number").first()
    assert newest.number == 2 and newest.title_nl == "Slaap (nieuw)"
    assert newest.items.get(code="q1").options.filter(score=2).exists()
    done.refresh_from_db()
    assert done.version == version and done.total == 1
    kept = QuestionnaireAnswer.objects.get(assignment=done, item__code="q1")
    assert kept.option.label_nl == "Soms" and kept.option.score == 1


def test_official_wording_of_a_licensed_questionnaire_is_a_new_version_and_old_answers_keep_ours(
    client, practice_admin, other_admin, episode
):
    builtin = builtin_version("iciq_ui_sf")
    sent = send_and_answer(client, episode, builtin, {"frequency": 1, "amount": 2, "impact": 1})
    client.force_login(practice_admin)
    url = reverse("patients:questionnaire_wording", args=[builtin.questionnaire.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = dict.fromkeys(page.context["form"].fields, "")
    data.update(
        item_1_nl="Officieel: hoe vaak?", item_1_en="Official: how often?", item_1_option_1_nl="Officieel: nooit"
    )

    assert client.post(url, data).status_code == 302

    own = QuestionnaireVersion.objects.for_user(practice_admin).current().get(questionnaire__code="iciq_ui_sf")
    assert own.questionnaire.practice == practice_admin.practice
    first = own.items.get(code="frequency")
    assert (first.official_text_nl, first.official_text_en) == ("Officieel: hoe vaak?", "Official: how often?")
    assert first.options.get(position=1).official_label_nl == "Officieel: nooit"
    assert own.items.get(code="when").multiple and not own.items.get(code="when").scored
    listed = client.get(reverse("patients:questionnaire_list"))
    assert any(version.official for version in listed.context["versions"] if version.questionnaire.code == "iciq_ui_sf")
    sent.refresh_from_db()
    assert sent.version == builtin and not builtin.items.get(code="frequency").official_text_nl
    theirs = QuestionnaireVersion.objects.for_user(other_admin).current().get(questionnaire__code="iciq_ui_sf")
    assert theirs == builtin


def test_another_practice_cannot_see_or_change_the_questionnaire(client, practice_admin, other_admin, other_therapist):
    version = add_sleep(client, practice_admin)
    client.force_login(other_admin)
    listed = client.get(reverse("patients:questionnaire_list"))
    assert version not in listed.context["versions"]
    assert client.get(reverse("patients:questionnaire_revise", args=[version.questionnaire.pk])).status_code == 404
    assert client.post(reverse("patients:questionnaire_revise", args=[version.questionnaire.pk]), {}).status_code == 404
    assert version not in QuestionnaireVersion.objects.for_user(other_therapist)


def offered(client, url):
    """Return the titles the form's questionnaire list offers."""
    return [label for value, label in client.get(url).context["form"]["version"].field.widget.choices if value]


def test_the_send_and_schedule_forms_offer_a_new_or_revised_questionnaire_at_once(
    client, practice_admin, episode, other_therapist
):
    send = reverse("patients:questionnaire_send", args=[episode.pk])
    schedule = reverse("patients:questionnaire_schedule", args=[episode.pk])
    client.force_login(episode.therapist)
    before = offered(client, send)
    assert "Slaap" not in before and before == offered(client, schedule)

    version = add_sleep(client, practice_admin)
    client.force_login(episode.therapist)
    assert "Slaap" in offered(client, send) and "Slaap" in offered(client, schedule)

    client.force_login(practice_admin)
    data = editor_data(SLEEP, title_nl="Slaap (nieuw)")
    data.pop("code")
    revise = reverse("patients:questionnaire_revise", args=[version.questionnaire.pk])
    assert client.post(revise, data).status_code == 302
    client.force_login(episode.therapist)
    now = offered(client, send)
    assert "Slaap (nieuw)" in now and "Slaap" not in now
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Sleep" in offered(client, send)
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]

    client.force_login(other_therapist)
    other_episode = CareEpisodeFactory(
        patient=PatientFactory(practice=other_therapist.practice), therapist=other_therapist
    )
    assert offered(client, reverse("patients:questionnaire_send", args=[other_episode.pk])) == before


def test_a_questionnaire_of_another_practice_cannot_be_sent_by_its_id(client, practice_admin, episode, other_therapist):
    version = add_sleep(client, practice_admin)
    client.force_login(other_therapist)
    other_episode = CareEpisodeFactory(
        patient=PatientFactory(practice=other_therapist.practice), therapist=other_therapist
    )
    due = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(
        reverse("patients:questionnaire_send", args=[other_episode.pk]),
        {"version": version.pk, "due_on": due.strftime("%d-%m-%Y")},
    )
    assert response.status_code == 200 and response.context["form"].errors["version"]
    assert not QuestionnaireAssignment.objects.filter(episode=other_episode).exists()


def test_a_therapist_may_not_open_the_admin_pages(client, therapist):
    client.force_login(therapist)
    assert client.get(reverse("patients:questionnaire_list")).status_code == 403
    assert client.get(reverse("patients:questionnaire_create")).status_code == 403


def test_the_answers_of_a_questionnaire_without_several_answer_questions_read_no_choices(
    client, practice_admin, episode
):
    version = add_sleep(client, practice_admin)
    done = send_and_answer(client, episode, version, {"q1": 3, "q2": 0})
    client.force_login(episode.therapist)

    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("patients:questionnaire_answers", args=[done.pk]))

    assert "Vaak" in page.text and "Nee" in page.text
    assert not any("questionnaireanswerchoice" in query["sql"] for query in captured.captured_queries)


def test_a_versions_questions_are_read_once_and_a_revision_shows_its_own(client, practice_admin, episode):
    version = add_sleep(client, practice_admin)
    first = send_and_answer(client, episode, version, {"q1": 3, "q2": 0})
    client.force_login(practice_admin)
    changed = [question("q1", "0 | Nooit | Never\n3 | Vaak | Often"), {**SLEEP[1], "text_nl": "Slaapt u door?"}]
    data = editor_data(changed)
    data.pop("code")
    assert (
        client.post(reverse("patients:questionnaire_revise", args=[version.questionnaire.pk]), data).status_code == 302
    )
    revised = version.questionnaire.versions.order_by("-number").first()
    second = send_and_answer(client, episode, revised, {"q1": 3, "q2": 3})
    client.force_login(episode.therapist)
    url = reverse("patients:questionnaire_answers", args=[first.pk])
    client.get(url)

    with CaptureQueriesContext(connection) as captured:
        again = client.get(url)
    newer = client.get(reverse("patients:questionnaire_answers", args=[second.pk]))

    assert "Vraag q2" in again.text and "Slaapt u door?" not in again.text
    assert not any("questionnaireitem" in query["sql"] for query in captured.captured_queries)
    assert "Slaapt u door?" in newer.text


def test_the_leak_question_takes_several_answers_stored_shown_and_not_scored(client, episode):
    builtin = builtin_version("iciq_ui_sf")
    client.force_login(episode.therapist)
    due = timezone.localdate() + datetime.timedelta(days=7)
    client.post(
        reverse("patients:questionnaire_send", args=[episode.pk]),
        {"version": builtin.pk, "due_on": due.strftime("%d-%m-%Y")},
    )
    assignment = QuestionnaireAssignment.objects.get(episode=episode)
    client.force_login(episode.patient.user)
    url = assignment.get_absolute_url()
    for position, (code, score) in enumerate({"frequency": 2, "amount": 2, "impact": 4}.items(), start=1):
        client.post(f"{url}?q={position}", {"option": builtin.items.get(code=code).options.get(score=score).pk})
    when = builtin.items.get(code="when")
    page = client.get(f"{url}?q=4")
    assert 'type="checkbox"' in page.text
    cough, sport = when.options.get(score=2), when.options.get(score=4)
    assert client.post(f"{url}?q=4", {"option": [cough.pk, sport.pk]}).status_code == 302

    check = client.get(url)
    assert cough.label in check.text and sport.label in check.text
    assert client.post(reverse("portal:questionnaire_submit", args=[assignment.pk])).status_code == 302

    answer = QuestionnaireAnswer.objects.get(assignment=assignment, item=when)
    assert answer.option is None and [option.pk for option in answer.chosen_options] == [cough.pk, sport.pk]
    assignment.refresh_from_db()
    assert assignment.total == 8  # 2 + 2 + 4: the leak question does not count
    client.force_login(episode.therapist)
    shown = client.get(reverse("patients:questionnaire_answers", args=[assignment.pk]))
    assert cough.label in shown.text and sport.label in shown.text


def test_the_same_form_sent_twice_adds_the_questionnaire_once(client, practice_admin):
    client.force_login(practice_admin)
    url = reverse("patients:questionnaire_create")
    token = client.get(url).context["form"]["submission"].value()
    data = {**editor_data(SLEEP), "submission": str(token)}

    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302

    assert Questionnaire.objects.filter(code="sleep").count() == 1
