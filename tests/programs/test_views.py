import datetime
import io
import re
import uuid

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader

from clinic.models import AccessLogEntry
from patients.choices import AppointmentStatus
from programs.models import BladderEntry, BowelEntry, Exercise, ExerciseLog, HomeProgram, ProgramItem, ProgramTemplate
from tests.factories import (
    PNG_BYTES,
    WEBM_BYTES,
    AppointmentFactory,
    AssessmentFactory,
    BladderEntryFactory,
    BowelEntryFactory,
    CareEpisodeFactory,
    ClassificationFactory,
    ExerciseFactory,
    HomeProgramFactory,
    PatientFactory,
    PatientUserFactory,
    ProgramItemFactory,
    ProgramTemplateFactory,
    next_weekday_at,
)

TODAY = timezone.localdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient(patient_user, therapist):
    return PatientFactory(practice=therapist.practice, responsible_therapist=therapist, user=patient_user)


@pytest.fixture
def program(patient):
    program = HomeProgramFactory(episode=CareEpisodeFactory(patient=patient))
    ProgramItemFactory(program=program, exercise=Exercise.objects.builtin().get(code="slow-holds-lying"))
    ProgramItemFactory(
        program=program,
        exercise=Exercise.objects.builtin().get(code="breathing-lying"),
        hold_seconds=4,
        relax_seconds=6,
    )
    return program


@pytest.fixture
def other_patient_user(practice):
    user = PatientUserFactory(practice=practice)
    PatientFactory(practice=practice, user=user)
    return user


def done(client, item, **data):
    return client.post(reverse("portal:item_done", args=[item.pk]), {"submission": str(uuid.uuid4()), **data})


# --- the patient portal -----------------------------------------------------------------------


def test_patient_sees_todays_exercises_with_dosage_timer_and_done_button(client, patient_user, program):
    client.force_login(patient_user)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert "Slow holds, lying down" in response.text or "Langzaam aanspannen" in response.text
    assert "data-timer-start" in response.text
    assert 'data-hold="5" data-relax="10"' in response.text
    assert "<script>" not in response.text and "onclick" not in response.text


def test_patient_does_not_see_a_draft(client, patient_user, patient):
    draft = HomeProgramFactory(episode=CareEpisodeFactory(patient=patient), status="draft")
    ProgramItemFactory(program=draft)
    client.force_login(patient_user)
    response = client.get(reverse("portal:home"))
    assert response.context["items"] == []
    assert done(client, draft.items.get()).status_code == 404


def test_portal_home_shows_the_patients_own_next_appointment(client, patient_user, patient, therapist):
    episode = CareEpisodeFactory(patient=patient)
    later = AppointmentFactory(episode=episode, starts_at=next_weekday_at(14, days_ahead=3))
    nearest = AppointmentFactory(episode=episode, starts_at=next_weekday_at(10))
    AppointmentFactory(
        episode=episode, starts_at=next_weekday_at(8), status=AppointmentStatus.CANCELLED, cancellation_reason="Ziek"
    )
    AppointmentFactory(episode__patient__practice=patient.practice, starts_at=next_weekday_at(7))
    client.force_login(patient_user)
    response = client.get(reverse("portal:home"))
    assert response.context["next_appointment"] == nearest
    assert reverse("portal:appointment_ics", args=[nearest.pk]) in response.text
    assert f"{nearest.get_kind_display()} · {nearest.therapist.get_full_name()}" in response.text
    assert reverse("portal:appointment_ics", args=[later.pk]) not in response.text


def test_portal_home_without_appointments_shows_none(client, patient_user, patient):
    client.force_login(patient_user)
    response = client.get(reverse("portal:home"))
    assert response.context["next_appointment"] is None
    assert 'id="next-appointment-title"' not in response.text


def test_marking_done_records_difficulty_and_pain_once(client, patient_user, program):
    item = program.items.first()
    client.force_login(patient_user)
    submission = str(uuid.uuid4())
    url = reverse("portal:item_done", args=[item.pk])
    first = client.post(url, {"submission": submission, "difficulty": "hard", "pain": "3"})
    second = client.post(url, {"submission": submission, "difficulty": "hard", "pain": "3"})
    assert first.status_code == second.status_code == 302
    log = ExerciseLog.objects.get()
    assert (log.difficulty, log.pain, log.patient.user) == ("hard", 3, patient_user)


def test_pain_11_is_refused_and_nothing_written(client, patient_user, program):
    client.force_login(patient_user)
    response = done(client, program.items.first(), pain="11")
    assert response.status_code == 302
    assert not ExerciseLog.objects.exists()


def test_other_patients_item_gives_404_and_writes_nothing(client, other_patient_user, program):
    client.force_login(other_patient_user)
    assert done(client, program.items.first()).status_code == 404
    assert not ExerciseLog.objects.exists()


def test_patient_of_other_practice_gets_404(client, other_practice, program):
    user = PatientUserFactory(practice=other_practice)
    PatientFactory(practice=other_practice, user=user)
    client.force_login(user)
    assert done(client, program.items.first()).status_code == 404


def test_week_view_shows_adherence(client, patient_user, program):
    item = program.items.first()
    ExerciseLog.objects.create(
        item=item, patient=program.episode.patient, done_on=timezone.localdate(), submission=uuid.uuid4()
    )
    client.force_login(patient_user)
    response = client.get(reverse("portal:week"))
    assert response.status_code == 200
    assert response.context["week"].sessions == 1
    assert response.context["week"].percent is not None


def test_week_view_shows_only_the_patients_own_exercises(client, patient_user, program, other_patient_user):
    other = ProgramItemFactory(program__episode__patient=other_patient_user.patient_record)
    ExerciseLog.objects.create(
        item=other, patient=other.program.episode.patient, done_on=timezone.localdate(), submission=uuid.uuid4()
    )
    client.force_login(patient_user)
    response = client.get(reverse("portal:week"))
    assert [item for item, _counts in response.context["rows"]] == list(program.items.all())
    assert response.context["week"].sessions == 0
    assert other.exercise.title not in response.text


def test_week_view_of_an_account_without_a_record_is_empty(client, practice):
    user = PatientUserFactory(practice=practice)
    client.force_login(user)
    response = client.get(reverse("portal:week"), {"weeks_ago": "3"})
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["week"].percent is None


def test_portal_home_counts_only_todays_sessions(client, patient_user, program):
    item = program.items.first()
    for days_ago in (0, 1, 1, 2):
        ExerciseLog.objects.create(
            item=item,
            patient=program.episode.patient,
            done_on=timezone.localdate() - datetime.timedelta(days=days_ago),
            submission=uuid.uuid4(),
        )
    client.force_login(patient_user)
    response = client.get(reverse("portal:home"))
    assert {shown.pk: shown.done_today for shown in response.context["items"]} == {
        item.pk: 1,
        program.items.last().pk: 0,
    }
    assert response.context["done_count"] == 1


def test_print_view_and_pdf_of_the_current_program(client, patient_user, program):
    client.force_login(patient_user)
    printed = client.get(reverse("portal:print"))
    assert "data-print" in printed.text
    assert printed.context["programs"][0] == program
    response = client.get(reverse("portal:pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # Its speed (a warm PDF in under 300 ms) is measured by `make bench`, not here.


def test_therapist_reads_the_bladder_diary_means_and_night_volume_beside_the_days(client, therapist, patient):
    today = timezone.localtime().replace(hour=12)
    for days_ago, volumes in ((1, (200, 301)), (2, (250,))):
        for volume in volumes:
            BladderEntryFactory(
                patient=patient, voided_ml=volume, recorded_at=today - datetime.timedelta(days=days_ago)
            )
    client.force_login(therapist)
    page = client.get(reverse("programs:patient_overview", args=[patient.pk])).text
    means = page.split("<tfoot")[1].split("</tfoot>")[0]
    assert "Gemiddelde van 2 dagen" in means
    assert "1,5" in means  # voids per 24 h
    assert "376 ml" in means  # 751 ml over two days, the half rounded up
    assert "250 ml" in means and "301 ml" in means  # mean void (751 / 3) and largest void
    assert "Nachtelijk volume" in page


@pytest.mark.parametrize("rows", [5, 50])
def test_portal_pages_run_a_bounded_number_of_queries(
    client, patient_user, patient, django_assert_max_num_queries, rows
):
    program = HomeProgramFactory(episode=CareEpisodeFactory(patient=patient))
    items = ProgramItemFactory.create_batch(rows // 5, program=program)
    ExerciseLog.objects.bulk_create(
        [
            ExerciseLog(
                item=items[n % len(items)],
                patient=patient,
                done_on=timezone.localdate() - datetime.timedelta(days=n % 6),
                submission=uuid.uuid4(),
            )
            for n in range(rows)
        ]
    )
    BladderEntryFactory.create_batch(rows, patient=patient)
    for day in range(rows):
        AppointmentFactory(episode=program.episode, starts_at=next_weekday_at(9, days_ahead=day + 1))
    client.force_login(patient_user)
    for name in ["portal:home", "portal:week", "portal:diary", "portal:print"]:
        with django_assert_max_num_queries(12):
            assert client.get(reverse(name)).status_code == 200


# --- diaries ----------------------------------------------------------------------------------


def test_patient_adds_a_bladder_entry_that_defaults_to_now(client, patient_user, patient):
    client.force_login(patient_user)
    form = client.get(reverse("portal:bladder_new")).context["form"]
    assert abs(form["recorded_at"].initial - timezone.localtime()) < datetime.timedelta(minutes=2)
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("portal:bladder_new"),
        {"recorded_at": now, "moment": "day", "voided_ml": "280", "leakage": "none", "urge": "2"},
    )
    assert response.status_code == 302
    entry = BladderEntry.objects.get()
    assert (entry.patient, entry.voided_ml, entry.entered_by) == (patient, 280, patient_user)


def test_leak_cause_is_asked_only_with_a_leak_and_dropped_when_the_answer_goes_back_to_none(
    client, patient_user, patient
):
    client.force_login(patient_user)
    page = client.get(reverse("portal:bladder_new")).text
    assert "leak-cause" in page and "js/leak-cause.js" in page
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("portal:bladder_new"),
        {"recorded_at": now, "moment": "day", "voided_ml": "200", "leakage": "none", "leak_cause": "urge"},
    )
    assert response.status_code == 302
    assert BladderEntry.objects.get().leak_cause == ""


def test_calendar_address_is_offered_in_plain_words(client, patient_user, patient):
    client.force_login(patient_user)
    page = client.get(reverse("portal:appointments")).text
    assert "Een adres voor mijn agenda-app maken" in page
    assert "agendakoppeling" not in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"voided_ml": "2500"}, "voided_ml"),
        ({"voided_ml": "-20"}, "voided_ml"),
        ({"voided_ml": "200", "recorded_at": "2099-01-01T10:00"}, "recorded_at"),
    ],
)
def test_bad_bladder_input_is_shown_next_to_the_field_and_kept(client, patient_user, patient, data, field):
    client.force_login(patient_user)
    payload = {
        "recorded_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "moment": "day",
        "leakage": "none",
        **data,
    }
    response = client.post(reverse("portal:bladder_new"), payload)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert data[field] in response.text
    assert not BladderEntry.objects.exists()


def test_bristol_8_is_refused_in_the_form(client, patient_user, patient):
    client.force_login(patient_user)
    response = client.post(
        reverse("portal:bowel_new"),
        {"recorded_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "bristol": "8"},
    )
    assert "bristol" in response.context["form"].errors
    assert not BowelEntry.objects.exists()


def test_patient_id_in_the_form_is_ignored_identity_comes_from_the_login(client, patient_user, patient, practice):
    victim = PatientFactory(practice=practice)
    client.force_login(patient_user)
    client.post(
        reverse("portal:bowel_new"),
        {"recorded_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "bristol": "4", "patient": victim.pk},
    )
    assert BowelEntry.objects.get().patient == patient


def test_patient_account_without_record_gets_404_on_writes(client, practice):
    user = PatientUserFactory(practice=practice)
    client.force_login(user)
    assert client.get(reverse("portal:home")).status_code == 200
    assert client.post(reverse("portal:bowel_new"), {"bristol": "4"}).status_code == 404


def test_therapist_adds_a_diary_entry_on_behalf_of_the_patient_and_it_is_logged(client, therapist, patient):
    client.force_login(therapist)
    response = client.post(
        reverse("programs:therapist_bowel_new", args=[patient.pk]),
        {"recorded_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "bristol": "2", "straining": "on"},
    )
    assert response.status_code == 302
    entry = BowelEntry.objects.get()
    assert (entry.patient, entry.entered_by) == (patient, therapist)
    assert AccessLogEntry.objects.filter(user=therapist, patient=patient, action="create").exists()


def test_therapist_of_other_practice_gets_404_on_diary_and_nothing_written(client, other_therapist, patient):
    client.force_login(other_therapist)
    url = reverse("programs:therapist_bladder_new", args=[patient.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"voided_ml": "200", "moment": "day", "leakage": "none"}).status_code == 404
    assert not BladderEntry.objects.exists()


# --- therapist overview and builder ---------------------------------------------------------------


def test_therapist_overview_shows_summaries_and_logs_the_view(client, therapist, patient, program):
    BladderEntryFactory(patient=patient, voided_ml=321)
    client.force_login(therapist)
    response = client.get(reverse("programs:patient_overview", args=[patient.pk]))
    assert response.status_code == 200
    assert "321 ml" in response.text
    assert AccessLogEntry.objects.filter(user=therapist, patient=patient, action="read").count() == 1


@pytest.mark.parametrize("rows", [5, 50])
def test_therapist_overview_runs_a_bounded_number_of_queries(
    client, therapist, patient, django_assert_max_num_queries, rows
):
    program = HomeProgramFactory(episode=CareEpisodeFactory(patient=patient))
    items = ProgramItemFactory.create_batch(rows // 5, program=program)
    ExerciseLog.objects.bulk_create(
        [
            ExerciseLog(
                item=items[n % len(items)], patient=patient, done_on=timezone.localdate(), submission=uuid.uuid4()
            )
            for n in range(rows)
        ]
    )
    BladderEntryFactory.create_batch(rows, patient=patient)
    BowelEntryFactory.create_batch(rows, patient=patient)
    client.force_login(therapist)
    with django_assert_max_num_queries(21):  # 20, and PostgreSQL's advisory lock on the access-log chain
        assert client.get(reverse("programs:patient_overview", args=[patient.pk])).status_code == 200


@pytest.mark.parametrize("url_name", ["programs:patient_overview", "programs:therapist_bladder_new"])
def test_other_practice_and_patients_cannot_open_therapist_pages(
    client, other_therapist, patient_user, practice_admin, patient, url_name
):
    url = reverse(url_name, args=[patient.pk])
    client.force_login(other_therapist)
    assert client.get(url).status_code == 404
    client.force_login(patient_user)
    assert client.get(url).status_code == 403
    client.force_login(practice_admin)
    assert client.get(url).status_code == 403


def test_therapist_builds_publishes_and_revises_a_program(client, therapist, patient):
    episode = CareEpisodeFactory(patient=patient)
    knack, holds = (Exercise.objects.builtin().get(code=code) for code in ("the-knack", "slow-holds-lying"))
    client.force_login(therapist)
    response = client.post(
        reverse("programs:program_create", args=[episode.pk]),
        {"source": "library", "exercises": [knack.pk, holds.pk], "starts_on": timezone.localdate().isoformat()},
    )
    program = HomeProgram.objects.get()
    assert response.url == reverse("programs:program_edit", args=[program.pk])
    items = list(program.items.all())

    edit = client.get(response.url)
    assert edit.status_code == 200
    data = {
        "title": "Thuis",
        "starts_on": timezone.localdate().isoformat(),
        "ends_on": "",
        "message": "",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "2",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for index, item in enumerate(items):
        data.update(
            {
                f"items-{index}-id": item.pk,
                f"items-{index}-sets": 1,
                f"items-{index}-repetitions": 6,
                f"items-{index}-hold_seconds": 6,
                f"items-{index}-relax_seconds": 10,  # too short for a 6 s hold
                f"items-{index}-times_per_day": 2,
                f"items-{index}-days_per_week": 7,
                f"items-{index}-note": "",
            }
        )
    refused = client.post(response.url, data)
    assert refused.status_code == 200
    assert refused.context["formset"].errors[0]["relax_seconds"]
    assert 'value="6"' in refused.text
    assert ProgramItem.objects.filter(hold_seconds=6).count() == 0

    for index in range(2):
        data[f"items-{index}-relax_seconds"] = 12
    assert client.post(response.url, data).status_code == 302
    moved = client.post(response.url, {**data, "move": f"{items[1].pk}:up"})
    assert moved.url.endswith(f"#item-{items[1].pk}")
    assert list(program.items.order_by("position").values_list("exercise__code", flat=True)) == [
        "slow-holds-lying",
        "the-knack",
    ]

    client.post(reverse("programs:program_publish", args=[program.pk]))
    program.refresh_from_db()
    assert program.status == "active"
    revision_url = client.post(reverse("programs:program_revise", args=[program.pk])).url
    revision = HomeProgram.objects.get(version=2)
    assert revision_url == reverse("programs:program_edit", args=[revision.pk])
    assert client.get(reverse("programs:program_detail", args=[program.pk])).status_code == 200
    assert AccessLogEntry.objects.filter(user=therapist, patient=patient).count() >= 5


def builder_data(program, **changes):
    """Return the builder's POST data for the program as it is, with `changes` on top."""
    items = list(program.items.all())
    data = {
        "title": program.title,
        "starts_on": program.starts_on.isoformat(),
        "ends_on": "",
        "message": program.message,
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": str(len(items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for index, item in enumerate(items):
        data[f"items-{index}-id"] = item.pk
        data.update({f"items-{index}-{name}": value for name, value in item.dosage().items()})
        data[f"items-{index}-note"] = item.note
    return {**data, **changes}


def test_builder_shows_each_error_next_to_its_input_and_keeps_everything_typed(client, therapist, program):
    program.status = "draft"
    program.published_at = None
    program.save()
    client.force_login(therapist)
    url = reverse("programs:program_edit", args=[program.pk])
    data = builder_data(
        program,
        **{
            "title": "x" * 151,
            "items-0-relax_seconds": "abc",
            "items-1-repetitions": "0",
            "items-1-note": "Rustig <aan>",
        },
    )

    response = client.post(url, data)

    assert response.status_code == 200
    html = response.content.decode()
    errors = response.context["formset"].errors
    for name, value, error in [
        ("items-0-relax_seconds", "abc", errors[0]["relax_seconds"][0]),
        ("items-1-repetitions", "0", errors[1]["repetitions"][0]),
        ("title", "x" * 151, response.context["form"].errors["title"][0]),
    ]:
        next_to_input = (
            rf'<input type="\w+" name="{name}" value="{value}"[^>]* class="[^"]*form-control is-invalid"'
            rf' aria-invalid="true"'
            rf' aria-describedby="id_{name}_error" id="id_{name}">\s*'
            rf'<div id="id_{name}_error" class="invalid-feedback[^"]*">\s*<p[^>]*><strong>{re.escape(escape(error))}'
        )
        assert re.search(next_to_input, html), name
    assert 'name="items-1-note" value="Rustig &lt;aan&gt;"' in html
    assert html.count("is-invalid") == 3
    assert not HomeProgram.objects.filter(title="x" * 151).exists()
    assert program.items.get(exercise__code="breathing-lying").repetitions != 0


def test_builder_warns_relaxation_first_when_the_record_classifies_the_episode_overactive(client, therapist, patient):
    episode = CareEpisodeFactory(patient=patient)
    ClassificationFactory(
        episode=episode, pelvic_floor_class="normal", classified_on=TODAY() - datetime.timedelta(days=9)
    )
    ClassificationFactory(episode=episode, pelvic_floor_class="overactive", classified_on=TODAY())
    program = HomeProgramFactory(episode=episode, status="draft")
    ProgramItemFactory(program=program, exercise=Exercise.objects.builtin().get(code="slow-holds-lying"))
    client.force_login(therapist)
    response = client.get(reverse("programs:program_edit", args=[program.pk]))
    assert len(response.context["warnings"]) == 1
    assert str(response.context["warnings"][0]) in response.content.decode()


def test_builder_gives_no_relaxation_warning_for_a_normal_floor(client, therapist, patient):
    episode = CareEpisodeFactory(patient=patient)
    ClassificationFactory(episode=episode, pelvic_floor_class="normal")
    program = HomeProgramFactory(episode=episode, status="draft")
    ProgramItemFactory(program=program, exercise=Exercise.objects.builtin().get(code="slow-holds-lying"))
    client.force_login(therapist)
    assert client.get(reverse("programs:program_edit", args=[program.pk])).context["warnings"] == []


def test_published_program_cannot_be_opened_in_the_builder(client, therapist, program):
    client.force_login(therapist)
    assert client.get(reverse("programs:program_edit", args=[program.pk])).status_code == 404


@pytest.mark.parametrize(
    "url_name",
    ["programs:program_detail", "programs:program_edit", "programs:program_revise", "programs:program_publish"],
)
def test_other_practice_gets_404_on_programs_and_nothing_written(client, other_therapist, program, url_name):
    client.force_login(other_therapist)
    url = reverse(url_name, args=[program.pk])
    assert client.get(url).status_code in (404, 405)
    assert client.post(url).status_code in ((405,) if url_name == "programs:program_detail" else (404,))
    assert HomeProgram.objects.count() == 1


def test_patient_gets_403_on_the_builder(client, patient_user, program):
    client.force_login(patient_user)
    assert client.get(reverse("programs:program_detail", args=[program.pk])).status_code == 403
    assert client.post(reverse("programs:program_revise", args=[program.pk])).status_code == 403
    assert HomeProgram.objects.count() == 1


def test_therapist_cannot_start_a_program_for_another_practices_episode(client, other_therapist, patient):
    episode = CareEpisodeFactory(patient=patient)
    client.force_login(other_therapist)
    assert client.post(reverse("programs:program_create", args=[episode.pk]), {"source": "library"}).status_code == 404
    assert not HomeProgram.objects.exists()


# --- library and templates --------------------------------------------------------------------------


def test_library_lists_builtin_and_own_exercises_but_not_other_practices(client, therapist, other_practice):
    own = ExerciseFactory(practice=therapist.practice, title_en="Own walk")
    foreign = ExerciseFactory(practice=other_practice, title_en="Foreign walk")
    client.force_login(therapist)
    response = client.get(reverse("programs:exercise_list"), {"q": "walk", "kind": "endurance"})
    assert own in response.context["object_list"]
    assert foreign not in response.context["object_list"]
    assert client.get(reverse("programs:exercise_detail", args=[foreign.pk])).status_code == 404


def test_builtin_exercise_is_read_only(client, therapist):
    builtin = Exercise.objects.builtin().first()
    client.force_login(therapist)
    assert client.get(reverse("programs:exercise_update", args=[builtin.pk])).status_code == 404
    assert client.post(reverse("programs:exercise_update", args=[builtin.pk]), {"title_en": "x"}).status_code == 404


@pytest.mark.parametrize("rows", [5, 50])
def test_library_list_runs_a_bounded_number_of_queries(client, therapist, django_assert_max_num_queries, rows):
    ExerciseFactory.create_batch(rows, practice=therapist.practice)
    client.force_login(therapist)
    with django_assert_max_num_queries(6):
        client.get(reverse("programs:exercise_list"))


def test_admin_creates_a_practice_exercise_with_unsafe_dosage_refused(client, practice_admin):
    client.force_login(practice_admin)
    data = {
        "kind": "strength",
        "title_nl": "Knijpen",
        "title_en": "Squeeze",
        "instructions_nl": "Knijp.",
        "instructions_en": "Squeeze.",
        "sets": 1,
        "repetitions": 5,
        "hold_seconds": 5,
        "relax_seconds": 5,
        "times_per_day": 1,
        "days_per_week": 7,
    }
    refused = client.post(reverse("programs:exercise_create"), data)
    assert refused.status_code == 200 and "relax_seconds" in refused.context["form"].errors
    data["relax_seconds"] = 10
    assert client.post(reverse("programs:exercise_create"), data).status_code == 302
    assert Exercise.objects.get(title_en="Squeeze").practice == practice_admin.practice


def test_templates_are_managed_by_practice_admins_only(client, practice_admin, therapist, other_admin):
    template = ProgramTemplateFactory(practice=practice_admin.practice)
    client.force_login(therapist)
    assert client.get(reverse("programs:template_list")).status_code == 403
    client.force_login(other_admin)
    assert client.get(reverse("programs:template_update", args=[template.pk])).status_code == 404
    client.force_login(practice_admin)
    knack = Exercise.objects.builtin().get(code="the-knack")
    client.post(reverse("programs:template_add", args=[template.pk]), {"exercises": [knack.pk]})
    assert template.items.get().exercise == knack
    response = client.post(reverse("programs:template_create"), {"name": "Sport", "condition": "sport"})
    assert response.status_code == 302
    assert ProgramTemplate.objects.get(name="Sport").practice == practice_admin.practice


def test_therapist_starts_a_program_from_perfect_findings(client, therapist, patient):
    episode = CareEpisodeFactory(patient=patient)
    client.force_login(therapist)
    perfect = {"power": 3, "endurance_seconds": 7, "repetitions": 6, "fast_contractions": 9}
    response = client.post(
        reverse("programs:program_create", args=[episode.pk]),
        {"source": "perfect", **perfect, "starts_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    slow, quick = HomeProgram.objects.get().items.select_related("exercise")
    assert (slow.exercise.code, slow.hold_seconds, slow.relax_seconds, slow.repetitions) == (
        "slow-holds-lying",
        7,
        14,
        6,
    )
    assert (quick.exercise.code, quick.repetitions) == ("quick-flicks-lying", 9)


def test_perfect_start_without_findings_is_refused_and_nothing_created(client, therapist, patient):
    episode = CareEpisodeFactory(patient=patient)
    client.force_login(therapist)
    response = client.post(
        reverse("programs:program_create", args=[episode.pk]),
        {"source": "perfect", "power": "7", "starts_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"power", "endurance_seconds", "repetitions", "fast_contractions"}
    assert not HomeProgram.objects.exists()


@pytest.mark.parametrize("rows", [5, 50])
def test_builder_runs_a_bounded_number_of_queries(client, therapist, patient, django_assert_max_num_queries, rows):
    program = HomeProgramFactory(episode=CareEpisodeFactory(patient=patient), status="draft")
    ProgramItemFactory.create_batch(rows, program=program)
    client.force_login(therapist)
    with django_assert_max_num_queries(12):  # 11, and PostgreSQL's advisory lock on the access-log chain
        assert client.get(reverse("programs:program_edit", args=[program.pk])).status_code == 200


def test_practice_exercise_gets_a_picture(client, therapist, settings, tmp_path):
    import io

    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    buffer.name = "pose.png"
    buffer.seek(0)
    client.force_login(therapist)
    data = exercise_form_data(picture=buffer)
    assert client.post(reverse("programs:exercise_create"), data).status_code == 302
    assert Exercise.objects.get(title_en="Pose").picture.name.startswith("exercises/pose")


def test_create_form_is_filled_from_the_latest_assessment_with_a_power_grade(client, therapist, patient):
    episode = CareEpisodeFactory(patient=patient)
    AssessmentFactory(
        episode=episode,
        assessed_on=TODAY() - datetime.timedelta(days=14),
        oxford_power=1,
        endurance_seconds=2,
        repetitions=3,
        fast_contractions=4,
    )
    AssessmentFactory(
        episode=episode, assessed_on=TODAY(), oxford_power=3, endurance_seconds=4, repetitions=6, fast_contractions=5
    )
    AssessmentFactory(episode=episode, assessed_on=TODAY(), oxford_power=None)
    client.force_login(therapist)
    form = client.get(reverse("programs:program_create", args=[episode.pk])).context["form"]
    assert form.initial["source"] == "perfect"
    assert [form.initial[name] for name in ("power", "endurance_seconds", "repetitions", "fast_contractions")] == [
        3,
        4,
        6,
        5,
    ]


def test_create_form_without_an_assessment_is_not_preset_to_perfect(client, therapist, patient):
    episode = CareEpisodeFactory(patient=patient)
    client.force_login(therapist)
    form = client.get(reverse("programs:program_create", args=[episode.pk])).context["form"]
    assert form.initial.get("source") != "perfect"


def test_pages_carry_no_inline_scripts_or_event_handlers(client, patient_user, therapist, program):
    import re

    client.force_login(patient_user)
    pages = [reverse(name) for name in ("portal:home", "portal:week", "portal:print")]
    pages += [reverse("portal:diary"), reverse("portal:bladder_new")]
    texts = [client.get(url).text for url in pages]
    client.force_login(therapist)
    texts.append(client.get(reverse("programs:patient_overview", args=[program.episode.patient_id])).text)
    texts.append(client.get(reverse("programs:program_detail", args=[program.pk])).text)
    for text in texts:
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text)
        assert not re.search(r"\son[a-z]+=", text)
        assert "style=" not in text


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        (
            "nl",
            "02:30 komt twee keer voor op 31 oktober 2027: die nacht gaat de klok een uur terug. "
            "Het is opgeslagen als de eerste keer 02:30, voordat de klok terugging (zomertijd).",
        ),
        (
            "en",
            "02:30 occurs twice on 31 October 2027: the clocks go back an hour that night. "
            "It was saved as the first 02:30, before the clocks went back (summer time).",
        ),
    ],
)
def test_a_diary_line_at_a_time_that_occurs_twice_is_saved_the_first_time_and_says_so(
    client, patient_user, patient, settings, language, notice
):
    settings.LANGUAGE_CODE = language
    with time_machine.travel(datetime.datetime(2027, 10, 31, 9, 0, tzinfo=datetime.UTC)):
        client.force_login(patient_user)
        response = client.post(
            reverse("portal:bladder_new"),
            {"recorded_at": "2027-10-31T02:30", "moment": "night", "voided_ml": "250", "leakage": "none"},
            follow=True,
        )
    assert notice in response.text
    assert BladderEntry.objects.get().recorded_at == datetime.datetime(2027, 10, 31, 0, 30, tzinfo=datetime.UTC)


def test_the_patients_week_shows_each_day_as_done_of_prescribed(client, patient_user, program):
    item = program.items.first()
    ExerciseLog.objects.create(
        item=item, patient=program.episode.patient, done_on=timezone.localdate(), submission=uuid.uuid4()
    )
    client.force_login(patient_user)
    response = client.get(reverse("portal:week"))
    assert f"1/{item.times_per_day}" in response.text
    assert "Dagen die nog komen tellen nog niet mee" in response.text


def test_a_breathing_exercise_saves_a_shorter_relax_than_twice_the_hold_and_the_builder_says_why(
    client, therapist, program
):
    program.status = "draft"
    program.published_at = None
    program.save()
    client.force_login(therapist)
    url = reverse("programs:program_edit", args=[program.pk])
    page = client.get(url)
    assert "alleen voor aanspanoefeningen" in page.text
    client.post(url, builder_data(program, **{"items-1-hold_seconds": "6", "items-1-relax_seconds": "10"}))
    breathing = program.items.get(exercise__code="breathing-lying")
    assert (breathing.hold_seconds, breathing.relax_seconds) == (6, 10)


def test_the_therapist_sees_the_program_as_the_patient_will(client, therapist, program):
    item = program.items.first()
    item.note = "Rustig opbouwen"
    item.save()
    client.force_login(therapist)
    detail = client.get(reverse("programs:program_detail", args=[program.pk]))
    preview_url = reverse("programs:program_preview", args=[program.pk])
    assert preview_url in detail.text
    page = client.get(preview_url)
    assert "Zo ziet de patiënt dit programma" in page.text
    assert "Van uw therapeut:" in page.text and "Rustig opbouwen" in page.text
    assert escape(item.exercise.instructions.splitlines()[0]) in page.text
    assert AccessLogEntry.objects.filter(patient=program.episode.patient, detail__icontains="preview").exists()


def test_every_page_of_the_program_pdf_names_the_practice_and_its_phone_and_no_exercise_is_split(
    client, patient_user, program
):
    practice = program.episode.patient.practice
    practice.street_address, practice.postal_code, practice.city = "Dorpsstraat 12", "9711 AB", "Groningen"
    practice.phone = "050-1234567"
    practice.save()
    for exercise in Exercise.objects.builtin()[:12]:
        ProgramItemFactory(program=program, exercise=exercise, note="Rustig opbouwen, zonder pijn.")
    client.force_login(patient_user)
    pages = PdfReader(io.BytesIO(client.get(reverse("portal:pdf")).content)).pages
    assert len(pages) > 1
    texts = [" ".join(page.extract_text().split()) for page in pages]
    for text in texts:
        assert practice.name in text and "050-1234567" in text and "Dorpsstraat 12, 9711 AB Groningen" in text
    for item in program.items.select_related("exercise"):
        # an exercise is whole on one page: its title and the end of its instructions share a page
        last_words = " ".join(item.exercise.instructions.split()[-3:])
        assert any(item.exercise.title in text and last_words in text for text in texts), item.exercise.title


@pytest.mark.parametrize(
    ("language", "alt"),
    [("nl", "Links: op de rug liggend met gebogen knieën"), ("en", "Left: lying on the back with knees bent")],
)
def test_patient_sees_each_exercise_drawn_and_described_in_their_language(
    client, patient_user, program, settings, language, alt
):
    settings.LANGUAGE_CODE = language
    client.force_login(patient_user)
    page = client.get(reverse("portal:home")).text
    assert 'src="/static/programs/exercises/slow-holds-lying.svg"' in page
    assert f'alt="{escape(alt)}' in page
    # The timer shows the drawing too, and the breathing exercise gets its pace cue.
    assert 'data-picture="/static/programs/exercises/breathing-lying.svg"' in page
    assert "data-timer-pace" in page and 'data-mode="breathe"' in page


def test_the_builder_and_the_library_show_the_drawing(client, therapist, patient):
    program = HomeProgramFactory(episode=CareEpisodeFactory(patient=patient), status="draft")
    exercise = Exercise.objects.builtin().get(code="bridge-with-floor")
    ProgramItemFactory(program=program, exercise=exercise)
    client.force_login(therapist)
    builder = client.get(reverse("programs:program_edit", args=[program.pk])).text
    assert 'src="/static/programs/exercises/bridge-with-floor.svg"' in builder
    detail = client.get(reverse("programs:exercise_detail", args=[exercise.pk])).text
    assert f'alt="{escape(exercise.alt_nl)}"' in detail


def test_the_paper_program_and_its_pdf_carry_the_drawings(client, patient_user, program):
    client.force_login(patient_user)
    printed = client.get(reverse("portal:print")).text
    assert printed.count('src="/static/programs/exercises/') == 2
    pdf = PdfReader(io.BytesIO(client.get(reverse("portal:pdf")).content))
    drawn = [page for page in pdf.pages if "/XObject" in page["/Resources"]]
    assert drawn, "the drawings are in the PDF"


# A real one-pixel GIF: a picture Pillow reads, of a type the library does not take.
GIF_BYTES = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


def exercise_form_data(**files):
    return {
        "kind": "relax",
        "title_nl": "Houding",
        "title_en": "Pose",
        "instructions_nl": "Lig stil.",
        "instructions_en": "Lie still.",
        "sets": 1,
        "repetitions": 1,
        "hold_seconds": 0,
        "relax_seconds": 0,
        "times_per_day": 1,
        "days_per_week": 7,
        "alt_nl": "Liggend op de rug.",
        "alt_en": "Lying on the back.",
        **files,
    }


@pytest.mark.parametrize(
    ("field", "name", "content", "error"),
    [
        ("picture", "pose.png", b"<svg onload=alert(1)>", "geldige afbeelding"),
        ("picture", "pose.png", GIF_BYTES, "Kies een afbeelding in PNG, JPEG of WebP."),
        ("video", "pose.mp4", PNG_BYTES, "Kies een video in MP4 of WebM."),
        ("video", "pose.webm", b"<html>" + bytes(40), "Kies een video in MP4 of WebM."),
        ("video", "pose.webm", WEBM_BYTES + bytes(20 * 1024 * 1024), "groter dan 20 MB"),
    ],
)
def test_an_upload_of_the_wrong_type_or_size_is_refused_and_the_form_kept(
    client, therapist, field, name, content, error
):
    client.force_login(therapist)
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("programs:exercise_create"), exercise_form_data(**{field: upload}))
    assert response.status_code == 200
    assert error in response.text
    assert 'value="Houding"' in response.text
    assert not Exercise.objects.filter(title_en="Pose").exists()


def test_a_practice_video_reaches_only_the_patient_whose_program_holds_it(client, therapist, patient, program):
    client.force_login(therapist)
    files = {
        "picture": SimpleUploadedFile("pose.png", PNG_BYTES),
        "video": SimpleUploadedFile("pose.webm", WEBM_BYTES),
    }
    assert client.post(reverse("programs:exercise_create"), exercise_form_data(**files)).status_code == 302
    exercise = Exercise.objects.get(title_en="Pose")
    video_url = reverse("portal:exercise_video", args=[exercise.pk])
    # The file is never linked by its storage address, which no view guards.
    assert exercise.video.url not in client.get(reverse("programs:exercise_detail", args=[exercise.pk])).text

    client.force_login(patient.user)
    assert client.get(video_url).status_code == 404, "not in the patient's program yet"
    ProgramItemFactory(program=program, exercise=exercise)
    home = client.get(reverse("portal:home")).text
    assert f'src="{video_url}"' in home and 'alt="Liggend op de rug."' in home
    response = client.get(video_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "video/webm"
    assert b"".join(response.streaming_content).startswith(WEBM_BYTES[:4])
    picture = client.get(reverse("portal:exercise_picture", args=[exercise.pk]))
    assert picture["Content-Type"] == "image/png"

    client.force_login(
        PatientFactory(practice=patient.practice, user=PatientUserFactory(practice=patient.practice)).user
    )
    assert client.get(video_url).status_code == 404


# A video of a few blocks, each byte telling where it is: the bytes sent show which part was asked for.
LONG_WEBM = WEBM_BYTES + bytes(n % 251 for n in range(200_000))


@pytest.fixture
def filmed(patient, program):
    exercise = ExerciseFactory(practice=patient.practice, video=ContentFile(LONG_WEBM, "long.webm"))
    ProgramItemFactory(program=program, exercise=exercise)
    return exercise


def test_a_patient_seeks_in_the_video_of_their_program(client, patient_user, filmed):
    client.force_login(patient_user)
    url = reverse("portal:exercise_video", args=[filmed.pk])

    whole = client.get(url)
    assert whole.status_code == 200
    assert whole["Accept-Ranges"] == "bytes" and whole["Content-Length"] == str(len(LONG_WEBM))
    assert b"".join(whole.streaming_content) == LONG_WEBM

    part = client.get(url, headers={"Range": "bytes=100000-170000"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100000-170000/{len(LONG_WEBM)}"
    assert part["Content-Length"] == "70001"
    assert b"".join(part.streaming_content) == LONG_WEBM[100000:170001]
    for response in (whole, part):
        assert response["Content-Type"] == "video/webm"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, max-age=3600"

    tail = client.get(url, headers={"Range": "bytes=-500"})
    assert tail.status_code == 206 and b"".join(tail.streaming_content) == LONG_WEBM[-500:]
    probe = client.get(url, headers={"Range": "bytes=0-1"})
    assert probe.status_code == 206 and b"".join(probe.streaming_content) == LONG_WEBM[:2]


def test_a_range_past_the_end_of_the_video_is_refused_and_a_malformed_one_gets_the_whole(client, patient_user, filmed):
    client.force_login(patient_user)
    url = reverse("portal:exercise_video", args=[filmed.pk])
    past = client.get(url, headers={"Range": f"bytes={len(LONG_WEBM)}-"})
    assert past.status_code == 416
    assert past["Content-Range"] == f"bytes */{len(LONG_WEBM)}"
    for header in ("bytes=0-1,5-6", "bytes=x-y", "bytes=9-2", "pages=1-2"):
        response = client.get(url, headers={"Range": header})
        assert response.status_code == 200, header
        assert b"".join(response.streaming_content) == LONG_WEBM


def test_the_practice_therapist_seeks_in_the_video_too(client, therapist, filmed):
    client.force_login(therapist)
    part = client.get(reverse("programs:exercise_video", args=[filmed.pk]), headers={"Range": "bytes=64-127"})
    assert part.status_code == 206
    assert b"".join(part.streaming_content) == LONG_WEBM[64:128]


def test_a_range_of_the_video_reaches_no_patient_without_it_and_no_other_practice(
    client, filmed, other_patient_user, other_therapist
):
    url = reverse("portal:exercise_video", args=[filmed.pk])
    client.force_login(other_patient_user)
    assert client.get(url, headers={"Range": "bytes=0-1"}).status_code == 404
    other_practice_patient = PatientFactory(
        practice=other_therapist.practice, user=PatientUserFactory(practice=other_therapist.practice)
    )
    client.force_login(other_practice_patient.user)
    assert client.get(url, headers={"Range": "bytes=0-1"}).status_code == 404
    client.force_login(other_therapist)
    staff_url = reverse("programs:exercise_video", args=[filmed.pk])
    assert client.get(staff_url, headers={"Range": "bytes=0-1"}).status_code == 404
