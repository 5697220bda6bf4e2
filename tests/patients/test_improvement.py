"""Improvement judged by the minimal important change: the pure rule at its boundaries, and the pages that use it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from patients.choices import AssignmentStatus, ChangeClass, LetterKind, MeasureKind
from patients.documents.letters import compose_letter
from patients.models import EpisodeSignals, MeasureMid
from patients.rules import improvement
from patients.rules.followups import MeasurePoint, measures_not_improved
from patients.rules.improvement import DEFAULT_MIDS, Mid, change_class, improvement_line, measure_changes
from patients.selectors.questionnaires import episode_questionnaires
from patients.selectors.record import measure_charts, practice_mids
from tests.factories import (
    CareEpisodeFactory,
    OutcomeMeasureFactory,
    PatientFactory,
    QuestionnaireAssignmentFactory,
    own_questionnaire,
)

NRS, PSK, ICIQ, PGI, PFDI = (
    MeasureKind.NRS_PAIN,
    MeasureKind.PSK,
    MeasureKind.ICIQ_UI_SF,
    MeasureKind.PGI_I,
    MeasureKind.PFDI_20,
)
IMPROVED, UNCHANGED, WORSE = ChangeClass.IMPROVED, ChangeClass.UNCHANGED, ChangeClass.WORSE
POINTS_ONLY = Mid(Decimal("2"))


@pytest.mark.parametrize(
    ("kind", "baseline", "latest", "mid", "expected"),
    [
        # exactly the MID counts, either way; just under it does not
        (ICIQ, 12, Decimal("10.2"), None, IMPROVED),
        (ICIQ, 12, Decimal("10.3"), None, UNCHANGED),
        (ICIQ, 12, Decimal("10.1"), None, IMPROVED),
        (ICIQ, 12, Decimal("13.8"), None, WORSE),
        (ICIQ, 12, Decimal("13.7"), None, UNCHANGED),
        (ICIQ, 12, 12, None, UNCHANGED),
        # integer ICIQ totals: a fall of 2 reaches 1.8, a fall of 1 does not
        (ICIQ, 12, 10, None, IMPROVED),
        (ICIQ, 12, 11, None, UNCHANGED),
        # PSK mean of the activities (MID 1.3)
        (PSK, 7, Decimal("5.7"), None, IMPROVED),
        (PSK, 7, Decimal("5.8"), None, UNCHANGED),
        (PSK, 7, Decimal("8.3"), None, WORSE),
        (PSK, 7, Decimal("8.2"), None, UNCHANGED),
        # PFDI-20 total (MID 24)
        (PFDI, 150, 126, None, IMPROVED),
        (PFDI, 150, Decimal("126.1"), None, UNCHANGED),
        (PFDI, 150, 174, None, WORSE),
        (PFDI, 150, Decimal("173.9"), None, UNCHANGED),
        # pain: 2 points
        (NRS, 8, 6, None, IMPROVED),
        (NRS, 8, 7, None, UNCHANGED),
        (NRS, 8, 10, None, WORSE),
        (NRS, 8, 9, None, UNCHANGED),
        # pain: or 30 % of a low first score, whichever comes first (4 → 3 is 25 %, 3 → 2 is 33 %)
        (NRS, 4, 3, None, UNCHANGED),
        (NRS, 3, 2, None, IMPROVED),
        (NRS, 10, 7, None, IMPROVED),
        (NRS, 10, Decimal("8.1"), None, UNCHANGED),
        (NRS, 10, 8, None, IMPROVED),
        (NRS, 3, 4, None, WORSE),
        (NRS, 0, 1, None, UNCHANGED),
        (NRS, 0, 2, None, WORSE),
        # without the percentage only the points count
        (NRS, 3, 2, POINTS_ONLY, UNCHANGED),
        (NRS, 3, 1, POINTS_ONLY, IMPROVED),
        # a practice's own MID
        (ICIQ, 12, 9, Mid(Decimal("4")), UNCHANGED),
        (ICIQ, 12, 8, Mid(Decimal("4")), IMPROVED),
        # PGI-I rates the change itself: 3 "a little better" is the smallest change felt
        (PGI, None, 1, None, IMPROVED),
        (PGI, None, 3, None, IMPROVED),
        (PGI, None, 4, None, UNCHANGED),
        (PGI, None, 5, None, WORSE),
        (PGI, None, 7, None, WORSE),
        # a practice that counts only "much better" as improved; 6 is then the other side
        (PGI, None, 3, Mid(Decimal("2")), UNCHANGED),
        (PGI, None, 5, Mid(Decimal("2")), UNCHANGED),
        (PGI, None, 6, Mid(Decimal("2")), WORSE),
    ],
)
def test_change_class_at_the_boundaries(kind, baseline, latest, mid, expected):
    assert change_class(kind, baseline, latest, mid) == expected


def test_a_higher_is_better_scale_is_judged_the_other_way(monkeypatch):
    monkeypatch.setitem(improvement.BETTER_DIRECTION, PSK, 1)
    assert change_class(PSK, 5, Decimal("6.3"), None) == IMPROVED
    assert change_class(PSK, 5, Decimal("3.7"), None) == WORSE
    assert change_class(PSK, 5, Decimal("6.2"), None) == UNCHANGED


def test_every_measure_has_a_sourced_default():
    assert set(DEFAULT_MIDS) == set(MeasureKind.values)
    assert all(default.source and default.mid.points > 0 for default in DEFAULT_MIDS.values())


@pytest.mark.parametrize(
    ("kind", "baseline", "expected"),
    [(NRS, 8, Decimal("6")), (NRS, 3, Decimal("2.1")), (ICIQ, 12, Decimal("10.2")), (PGI, None, Decimal("3"))],
)
def test_the_improvement_line_is_the_first_value_less_the_mid(kind, baseline, expected):
    assert improvement_line(kind, baseline) == expected


TODAY = datetime.date(2026, 3, 10)


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


def series(kind, *pairs):
    return [MeasurePoint(kind, days_ago(age), value) for age, value in pairs]


@pytest.mark.parametrize(
    ("points", "mids", "started_on", "expected"),
    [
        # a fall of 1 on the ICIQ is less than its MID: not improved
        (series(ICIQ, (35, 12), (0, 11)), {}, None, [ICIQ]),
        (series(ICIQ, (35, 12), (0, 10)), {}, None, []),
        # the practice's own MID decides
        (series(ICIQ, (35, 12), (0, 10)), {ICIQ: Mid(Decimal("3"))}, None, [ICIQ]),
        # pain down by 1 from 3 is a third: improved
        (series(NRS, (35, 3), (0, 2)), {}, None, []),
        (series(NRS, (35, 7), (0, 6)), {}, None, [NRS]),
        # PFDI-20 from the questionnaires
        (series(PFDI, (35, 150), (0, 140)), {}, None, [PFDI]),
        (series(PFDI, (35, 150), (0, 120)), {}, None, []),
        # PGI-I four weeks or more after the start: 4 is no improvement, 3 is
        (series(PGI, (0, 4)), {}, days_ago(28), [PGI]),
        (series(PGI, (0, 3)), {}, days_ago(28), []),
        # ... but under four weeks it is too early to judge
        (series(PGI, (0, 5)), {}, days_ago(27), []),
    ],
)
def test_no_improvement_is_judged_by_the_mid(points, mids, started_on, expected):
    assert measures_not_improved(points, mids=mids, started_on=started_on) == expected


def test_measure_changes_give_first_and_latest_and_leave_a_single_value_unjudged():
    changes = measure_changes(
        [(NRS, days_ago(1), 4), (NRS, days_ago(30), 7), (ICIQ, days_ago(3), 9), (PGI, days_ago(0), 2)], {}
    )
    assert [(change.kind, change.first, change.latest, change.change) for change in changes] == [
        (NRS, 7, 4, IMPROVED),
        (PGI, 2, 2, IMPROVED),
        (ICIQ, 9, 9, None),
    ]


@pytest.mark.django_db
def test_the_chart_marks_where_the_measure_counts_as_improved():
    episode = CareEpisodeFactory()
    measures = [
        OutcomeMeasureFactory(episode=episode, score=8, measured_on=days_ago(30)),
        OutcomeMeasureFactory(episode=episode, score=5, measured_on=days_ago(0)),
    ]
    (chart,) = measure_charts(measures, practice_mids(episode.patient.practice_id))
    six = [y for y, label in chart.y_ticks if label == "6"][0]
    assert chart.threshold_y == pytest.approx(six)
    assert chart.band_height > 0


def pain_series(episode, *scores_by_age):
    for age, score in scores_by_age:
        OutcomeMeasureFactory(episode=episode, score=score, measured_on=timezone.localdate() - datetime.timedelta(age))


@pytest.mark.django_db
def test_the_practice_admin_sets_a_mid_and_the_caseload_signal_follows(client, practice_admin, therapist):
    patient = PatientFactory(practice=practice_admin.practice, responsible_therapist=therapist)
    episode = CareEpisodeFactory(patient=patient, started_on=timezone.localdate() - datetime.timedelta(days=40))
    pain_series(episode, (35, 8), (0, 6))
    assert EpisodeSignals.objects.get(episode=episode).not_improved == []
    client.force_login(practice_admin)
    data = {kind: str(default.mid.points).replace(".", ",") for kind, default in DEFAULT_MIDS.items()}
    response = client.post(reverse("patients:measure_mids"), {**data, NRS: "3", f"{NRS}_percent": "50"})
    assert response.status_code == 302
    assert MeasureMid.objects.get(practice=practice_admin.practice, kind=NRS).points == 3
    assert EpisodeSignals.objects.get(episode=episode).not_improved == [NRS]
    page = client.get(reverse("patients:measure_mids"))
    assert "Farrar JT" in page.text and 'value="3,0"' in page.text


@pytest.mark.django_db
def test_a_mid_set_by_one_practice_leaves_the_other_alone(client, practice_admin, other_admin):
    client.force_login(other_admin)
    data = {kind: str(default.mid.points).replace(".", ",") for kind, default in DEFAULT_MIDS.items()}
    client.post(reverse("patients:measure_mids"), {**data, ICIQ: "5", f"{NRS}_percent": "30"})
    assert practice_mids(practice_admin.practice_id)[ICIQ].points == Decimal("1.8")
    assert practice_mids(other_admin.practice_id)[ICIQ].points == 5


@pytest.mark.django_db
def test_a_mid_out_of_range_is_refused_and_kept_as_typed(client, practice_admin):
    client.force_login(practice_admin)
    data = {kind: str(default.mid.points).replace(".", ",") for kind, default in DEFAULT_MIDS.items()}
    response = client.post(reverse("patients:measure_mids"), {**data, ICIQ: "0", PGI: "abc", f"{NRS}_percent": "30"})
    assert response.status_code == 200
    assert not MeasureMid.objects.exists()
    assert 'value="abc"' in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["therapist", "patient_user"])
def test_only_the_practice_admin_sets_the_mids(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("patients:measure_mids")).status_code == 403


@pytest.mark.django_db
def test_the_discharge_letter_says_which_measures_improved_by_the_mid(therapist):
    episode = CareEpisodeFactory(patient=PatientFactory(practice=therapist.practice, responsible_therapist=therapist))
    pain_series(episode, (30, 7), (0, 6))
    OutcomeMeasureFactory(
        episode=episode,
        kind=ICIQ,
        score=None,
        iciq_frequency=3,
        iciq_amount=4,
        iciq_impact=5,
        total=Decimal("12"),
        measured_on=timezone.localdate() - datetime.timedelta(30),
    )
    OutcomeMeasureFactory(
        episode=episode,
        kind=ICIQ,
        score=None,
        iciq_frequency=2,
        iciq_amount=2,
        iciq_impact=4,
        total=Decimal("8"),
        measured_on=timezone.localdate(),
    )
    with translation.override("en"):
        _subject, body = compose_letter(episode=episode, kind=LetterKind.FINAL, author=therapist)
    assert "7 → 6" in body and "no change of at least the minimal important change" in body
    assert "12 → 8" in body and "improved by at least the minimal important change" in body


@pytest.mark.django_db
def test_the_patient_sees_how_their_measures_moved_on_the_week_page(client, patient_user, therapist):
    patient = PatientFactory(practice=therapist.practice, responsible_therapist=therapist, user=patient_user)
    pain_series(CareEpisodeFactory(patient=patient), (30, 8), (0, 5))
    client.force_login(patient_user)
    page = client.get(reverse("portal:week")).text
    assert "Uw metingen" in page and "8 → 5" in page and "verbeterd" in page


@pytest.mark.django_db
def test_another_patients_measures_stay_off_the_week_page(client, patient_user, therapist):
    other = PatientFactory(practice=therapist.practice, responsible_therapist=therapist)
    pain_series(CareEpisodeFactory(patient=other), (30, 8), (0, 5))
    client.force_login(patient_user)
    assert "8 → 5" not in client.get(reverse("portal:week")).text


@pytest.mark.parametrize(
    ("baseline", "latest", "higher_is_better", "expected"),
    [
        (10, 8, False, IMPROVED),
        (10, Decimal("8.1"), False, UNCHANGED),
        (10, 12, False, WORSE),
        (10, 12, True, IMPROVED),
        (10, Decimal("11.9"), True, UNCHANGED),
        (10, 8, True, WORSE),
    ],
)
def test_any_score_is_judged_by_its_own_mid_and_direction(baseline, latest, higher_is_better, expected):
    assert improvement.score_change(baseline, latest, needed=2, higher_is_better=higher_is_better) == expected


@pytest.mark.django_db
def test_the_episode_page_judges_a_practice_own_questionnaire_by_its_mid(client, therapist):
    version = own_questionnaire(therapist.practice, mid=1).versions.get()
    episode = CareEpisodeFactory(patient=PatientFactory(practice=therapist.practice), therapist=therapist)
    for days_ago, total in ((20, 2), (10, 1), (0, 2)):
        QuestionnaireAssignmentFactory(
            episode=episode,
            version=version,
            status=AssignmentStatus.SUBMITTED,
            submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
            total=total,
        )
    changes = [assignment.change for assignment in episode_questionnaires(therapist, episode)]
    assert changes == [UNCHANGED, IMPROVED, None]
    client.force_login(therapist)
    page = client.get(episode.get_absolute_url()).text
    assert 'text-bg-success">verbeterd' in page and 'text-bg-secondary">onveranderd' in page
