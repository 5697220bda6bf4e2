"""The quality report: aggregated figures per pelvic floor class, small groups hidden, for the right people only."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from clinic.models import AccessLogEntry
from patients.choices import EpisodeStatus, MeasureKind, PelvicFloorClass
from programs.forms import QualityPeriodForm
from programs.reports import quality_report
from tests.factories import (
    CareEpisodeFactory,
    ClassificationFactory,
    DischargeFactory,
    ExerciseLogFactory,
    HomeProgramFactory,
    OutcomeMeasureFactory,
    PatientFactory,
    ProgramItemFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR_AGO = TODAY - datetime.timedelta(days=364)


def discharged_patient(therapist, *, pelvic_floor_class, first_pain=8, last_pain=5, pgi_i=2, last_name="Quality"):
    patient = PatientFactory(practice=therapist.practice, responsible_therapist=therapist, last_name=last_name)
    started = TODAY - datetime.timedelta(days=60)
    episode = CareEpisodeFactory(patient=patient, therapist=therapist, started_on=started)
    ClassificationFactory(episode=episode, classified_on=started, pelvic_floor_class=pelvic_floor_class)
    OutcomeMeasureFactory(episode=episode, score=first_pain, measured_on=started)
    OutcomeMeasureFactory(episode=episode, score=last_pain, measured_on=TODAY - datetime.timedelta(days=1))
    DischargeFactory(episode=episode, discharged_on=TODAY - datetime.timedelta(days=1), pgi_i=pgi_i)
    episode.status, episode.discharged_on = EpisodeStatus.DISCHARGED, TODAY - datetime.timedelta(days=1)
    episode.save()
    return episode


def column(report, key):
    return next(group for group in report.columns if group.key == key)


def test_figures_per_class_with_the_share_reaching_the_mid(therapist):
    for number in range(5):
        discharged_patient(therapist, pelvic_floor_class=PelvicFloorClass.OVERACTIVE, last_pain=7 if number else 5)
    report = quality_report(therapist, start=YEAR_AGO, end=TODAY)
    overactive = column(report, PelvicFloorClass.OVERACTIVE)
    assert overactive.discharged.shown == 5 and overactive.started.shown == 5
    assert overactive.median_days.shown == Decimal("59")
    pain = overactive.measures[MeasureKind.values.index(MeasureKind.NRS_PAIN)]
    assert pain.median_change.shown == Decimal("-1") and pain.share_mid.shown == 20
    assert overactive.pgi_success.shown == 100


def test_a_figure_about_fewer_than_five_patients_is_hidden(therapist):
    for _number in range(4):
        discharged_patient(therapist, pelvic_floor_class=PelvicFloorClass.UNDERACTIVE)
    underactive = column(quality_report(therapist, start=YEAR_AGO, end=TODAY), PelvicFloorClass.UNDERACTIVE)
    assert underactive.discharged.hidden and underactive.discharged.shown is None
    assert underactive.measures[0].share_mid.shown is None


def test_adherence_counts_logged_sessions_against_the_prescribed_ones(therapist):
    for _number in range(5):
        episode = discharged_patient(therapist, pelvic_floor_class=PelvicFloorClass.OVERACTIVE)
        program = HomeProgramFactory(episode=episode, starts_on=TODAY - datetime.timedelta(days=14))
        item = ProgramItemFactory(program=program, times_per_day=1, days_per_week=7)
        for age in range(7):
            ExerciseLogFactory(item=item, patient=episode.patient, done_on=TODAY - datetime.timedelta(days=age + 1))
    overactive = column(quality_report(therapist, start=YEAR_AGO, end=TODAY), PelvicFloorClass.OVERACTIVE)
    assert overactive.adherence.shown == 50


def test_the_therapist_sees_only_their_own_caseload_and_the_admin_the_practice(therapist, practice_admin):
    from tests.factories import TherapistFactory

    colleague = TherapistFactory(practice=therapist.practice)
    for _number in range(5):
        discharged_patient(colleague, pelvic_floor_class=PelvicFloorClass.OVERACTIVE)
    assert column(quality_report(therapist, start=YEAR_AGO, end=TODAY), "all").discharged.value == 0
    assert column(quality_report(practice_admin, start=YEAR_AGO, end=TODAY), "all").discharged.value == 5


def test_another_practice_sees_nothing_of_it(therapist, other_admin):
    for _number in range(5):
        discharged_patient(therapist, pelvic_floor_class=PelvicFloorClass.OVERACTIVE)
    assert column(quality_report(other_admin, start=YEAR_AGO, end=TODAY), "all").discharged.value == 0


def test_the_page_shows_no_name_and_is_logged_as_a_read(client, practice_admin, therapist):
    for _number in range(5):
        discharged_patient(therapist, pelvic_floor_class=PelvicFloorClass.OVERACTIVE, last_name="Zichtbaarnaam")
    client.force_login(practice_admin)
    page = client.get(reverse("programs:quality_report"))
    assert page.status_code == 200 and "Zichtbaarnaam" not in page.text
    assert "Kwaliteitsrapport" in page.text
    assert AccessLogEntry.objects.filter(user=practice_admin, part="quality_report").exists()


@pytest.mark.parametrize(
    "query", ["?start=2026-02-30&end=x", "?start=31-12-2999&end=01-01-2000", "?start=9999-12-31", "?end=%00"]
)
def test_a_wrong_period_gives_a_message_and_the_last_twelve_months(client, practice_admin, query):
    client.force_login(practice_admin)
    page = client.get(reverse("programs:quality_report") + query)
    assert page.status_code == 200
    assert "laatste twaalf maanden" in page.text


def test_the_csv_is_spreadsheet_safe_with_dutch_decimals(client, practice_admin, therapist):
    for number in range(5):
        discharged_patient(therapist, pelvic_floor_class=PelvicFloorClass.OVERACTIVE, last_pain=6 + number % 2)
    client.force_login(practice_admin)
    response = client.get(reverse("programs:quality_report_csv") + f"?start={YEAR_AGO}&end={TODAY}")
    text = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "'-1,5" in text or "'-2" in text
    assert "Quality" not in text


def test_the_pdf_names_its_columns_as_the_page_does(client, practice_admin):
    client.force_login(practice_admin)
    response = client.get(reverse("programs:quality_report_pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "kolommen: Bekkenbodemklasse (ICS)" in " ".join(text.split())


@pytest.mark.parametrize("role", ["patient_user", "other_therapist"])
def test_a_patient_is_refused_and_another_practice_sees_only_its_own(client, request, role, therapist):
    for _number in range(5):
        discharged_patient(therapist, pelvic_floor_class=PelvicFloorClass.OVERACTIVE)
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("programs:quality_report"))
    if role == "patient_user":
        assert response.status_code == 403
    else:
        assert response.status_code == 200 and response.context["report"].total.discharged.value == 0


def report_queries(client, admin, therapist, patients):
    for number in range(patients):
        discharged_patient(therapist, pelvic_floor_class=PelvicFloorClass.values[number % 4])
    client.force_login(admin)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("programs:quality_report")).status_code == 200
    return len(captured)


def test_the_report_takes_a_fixed_number_of_queries(client, practice_admin, therapist):
    few = report_queries(client, practice_admin, therapist, 5)
    many = report_queries(client, practice_admin, therapist, 15)
    assert few == many <= QUALITY_REPORT_QUERIES


# The login checks and the access-log chain, then the episodes, measures, MIDs, programs and logs.
QUALITY_REPORT_QUERIES = 10


@pytest.mark.parametrize(
    ("patients", "hidden"),
    [
        ([12, 9, 3, 24], [False, True, True, False]),  # the one small cell and the next smallest
        ([12, 9, 0, 21], [False, False, False, False]),  # nothing small, nothing hidden
        ([3, 4, 8, 15], [True, True, False, False]),  # two small cells cannot be told apart
        ([0, 2, 0, 2], [False, True, False, True]),  # the total about the same patients goes too
    ],
)
def test_a_hidden_cell_cannot_be_worked_out_from_the_total(patients, hidden):
    from programs.reports import secondary_suppression

    assert secondary_suppression(patients) == hidden


def test_the_report_groups_by_the_main_complaint_pattern(therapist):
    from patients.models import Classification
    from programs.choices import ReportDimension

    for _number in range(5):
        episode = discharged_patient(therapist, pelvic_floor_class=PelvicFloorClass.OVERACTIVE)
        Classification.objects.filter(episode=episode).update(main_pattern="pelvic_pain")
    report = quality_report(therapist, start=YEAR_AGO, end=TODAY, dimension=ReportDimension.COMPLAINT_PATTERN)
    assert column(report, "pelvic_pain").discharged.shown == 5


def test_choosing_only_the_columns_keeps_the_last_twelve_months_without_a_warning(client, practice_admin, therapist):
    from patients.models import Classification

    for _number in range(5):
        episode = discharged_patient(therapist, pelvic_floor_class=PelvicFloorClass.OVERACTIVE)
        Classification.objects.filter(episode=episode).update(main_pattern="pelvic_pain")
    client.force_login(practice_admin)
    page = client.get(reverse("programs:quality_report") + "?dimension=complaint_pattern")
    assert "laatste twaalf maanden" not in page.text
    assert "Dit veld is verplicht" not in page.text
    start, end = QualityPeriodForm.default_period(timezone.localdate())
    assert (page.context["report"].start, page.context["report"].end) == (start, end)
    assert page.context["form"]["start"].value() == start.isoformat()  # the fields show the period used
    assert "Bekkenpijn" in page.text
