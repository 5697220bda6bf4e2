"""Pain maps: the figure's regions, the therapist's drawing, the request to the patient and the portal's answer."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clinic.choices import AccessAction, RecordPart
from clinic.models import AccessLogEntry
from patients import services
from patients.choices import BodyView, PainMapSource, PainRegionCode
from patients.models import PainMap, PainMapRequest
from patients.rules.record import pain_map_problems, pain_map_regions
from tests.factories import (
    CareEpisodeFactory,
    PainMapFactory,
    PainMapRequestFactory,
    PainRegionFactory,
    PatientFactory,
    PatientUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("body_view", "regions", "problem_at"),
    [
        (BodyView.FEMALE, [("vulva", 5, "burning")], None),
        (BodyView.FEMALE, [("penis", 5, "burning")], "penis"),
        (BodyView.MALE, [("scrotum", 0, "aching"), ("coccyx", 10, "stabbing")], None),
        (BodyView.MALE, [("vaginal_entrance", 3, "burning")], "vaginal_entrance"),
        (BodyView.FEMALE, [("anus", 11, "burning")], "anus"),
        (BodyView.FEMALE, [("anus", None, "burning")], "anus"),
        (BodyView.FEMALE, [("anus", 4, "tingling")], "anus"),
        (BodyView.FEMALE, [("sacrum", 4, "aching"), ("sacrum", 5, "aching")], "sacrum"),
        (BodyView.FEMALE, [("shoulder", 4, "aching")], "shoulder"),
        (BodyView.FEMALE, [], None),
    ],
)
def test_pain_map_problems_name_the_region_the_figure_cannot_hold(body_view, regions, problem_at):
    problems = pain_map_problems(body_view, regions)
    assert list(problems) == ([problem_at] if problem_at else [])


def test_each_figure_offers_its_own_genital_regions_and_the_shared_ones():
    female, male = set(pain_map_regions(BodyView.FEMALE)), set(pain_map_regions(BodyView.MALE))
    assert {"vulva", "vaginal_entrance"} <= female - male
    assert {"penis", "scrotum"} <= male - female
    assert {"suprapubic", "perineum", "coccyx", "buttock_left"} <= female & male
    assert female | male == set(PainRegionCode.values)


@pytest.fixture
def episode(therapist):
    user = PatientUserFactory(practice=therapist.practice)
    patient = PatientFactory(practice=therapist.practice, responsible_therapist=therapist, user=user, sex="female")
    return CareEpisodeFactory(patient=patient, therapist=therapist)


def test_the_patients_own_map_answers_the_waiting_request(episode):
    request = services.pain_map_request(episode=episode, body_view=BodyView.FEMALE, acting_user=episode.therapist)

    pain_map = services.pain_map_record(
        episode=episode,
        body_view=BodyView.FEMALE,
        source=PainMapSource.PATIENT,
        recorded_on=episode.started_on,
        regions=[("vaginal_entrance", 7, "burning"), ("perineum", 4, "aching")],
        acting_user=episode.patient.user,
    )

    assert sorted(pain_map.regions.values_list("region", "intensity")) == [("perineum", 4), ("vaginal_entrance", 7)]
    request.refresh_from_db()
    assert request.answered_at is not None


def test_a_second_request_waits_for_the_first_and_a_discharged_episode_takes_none(episode):
    services.pain_map_request(episode=episode, body_view=BodyView.FEMALE, acting_user=episode.therapist)
    with pytest.raises(ValidationError):
        services.pain_map_request(episode=episode, body_view=BodyView.FEMALE, acting_user=episode.therapist)
    closed = CareEpisodeFactory(patient=episode.patient, status="discharged")
    with pytest.raises(ValidationError):
        services.pain_map_request(episode=closed, body_view=BodyView.FEMALE, acting_user=episode.therapist)


def test_a_region_off_the_figure_is_refused_and_nothing_is_saved(episode):
    with pytest.raises(ValidationError) as refused:
        services.pain_map_record(
            episode=episode,
            body_view=BodyView.FEMALE,
            source=PainMapSource.THERAPIST,
            recorded_on=episode.started_on,
            regions=[("penis", 3, "burning")],
            acting_user=episode.therapist,
        )
    assert "region_penis" in refused.value.message_dict
    assert not PainMap.objects.exists()


def form_data(**regions):
    data = {"recorded_on": "10-11-2026"}
    for code, (intensity, character) in regions.items():
        data |= {f"region_{code}": "on", f"intensity_{code}": intensity, f"character_{code}": character}
    return data


def test_form_works_as_a_plain_list_without_the_drawing(client, therapist, episode):
    client.force_login(therapist)
    url = reverse("patients:painmap_create", args=[episode.pk])

    page = client.get(url)
    assert 'name="region_vulva"' in page.text and 'name="region_penis"' not in page.text
    assert 'data-pain-region="coccyx"' in page.text
    assert "<script>" not in page.text and 'style="' not in page.text

    response = client.post(url, form_data(coccyx=(8, "stabbing"), groin_left=(3, "aching")))

    assert response.status_code == 302
    pain_map = PainMap.objects.get(episode=episode)
    assert pain_map.source == PainMapSource.THERAPIST and pain_map.recorded_by == therapist
    assert sorted(pain_map.regions.values_list("region", "intensity", "character")) == [
        ("coccyx", 8, "stabbing"),
        ("groin_left", 3, "aching"),
    ]


def test_male_figure_is_offered_on_request(client, therapist, episode):
    client.force_login(therapist)
    url = reverse("patients:painmap_create", args=[episode.pk]) + "?figure=male"

    assert 'name="region_penis"' in client.get(url).text
    client.post(url, form_data(scrotum=(5, "pressing")))

    assert PainMap.objects.get(episode=episode).body_view == BodyView.MALE


def test_a_region_without_intensity_is_refused_and_what_was_typed_stays(client, therapist, episode):
    client.force_login(therapist)
    url = reverse("patients:painmap_create", args=[episode.pk])

    response = client.post(url, form_data(anus=("", "burning")) | {"intensity_sacrum": "5"})

    assert response.status_code == 200
    assert "Geef de intensiteit van 0 tot en met 10." in response.text
    assert "Vink dit gebied aan, of maak de intensiteit en aard leeg." in response.text
    assert response.context["form"]["character_anus"].value() == "burning"
    assert not PainMap.objects.exists()


def test_an_empty_map_needs_the_no_pain_box(client, therapist, episode):
    client.force_login(therapist)
    url = reverse("patients:painmap_create", args=[episode.pk])

    assert "Geef ten minste één gebied aan" in client.post(url, form_data()).text
    assert client.post(url, form_data() | {"no_pain": "on"}).status_code == 302
    assert PainMap.objects.get(episode=episode).regions.count() == 0


def test_episode_page_shows_maps_latest_first_with_the_waiting_request(client, therapist, episode):
    older = PainMapFactory(episode=episode, recorded_on=episode.started_on)
    PainRegionFactory(pain_map=older, region="perineum", intensity=8)
    latest = PainMapFactory(episode=episode, recorded_on=episode.started_on.replace(year=episode.started_on.year + 1))
    PainRegionFactory(pain_map=latest, region="perineum", intensity=3)
    PainMapRequestFactory(episode=episode)
    client.force_login(therapist)

    page = client.get(episode.get_absolute_url()).text

    assert page.index("pain-i3") < page.index("pain-i8")
    assert "Wacht op de patiënt" in page
    assert "Vraag de patiënt er een te tekenen" not in page
    assert AccessLogEntry.objects.filter(user=therapist, patient=episode.patient, action=AccessAction.READ).exists()


def test_asking_the_patient_shows_the_request_on_the_portal(client, therapist, episode):
    client.force_login(therapist)
    client.post(reverse("patients:painmap_request", args=[episode.pk]))
    assert PainMapRequest.objects.get(episode=episode).body_view == BodyView.FEMALE

    client.force_login(episode.patient.user)
    home = client.get(reverse("portal:home")).text
    assert reverse("portal:pain_map") in home

    response = client.post(
        reverse("portal:pain_map"),
        {"region_suprapubic": "on", "intensity_suprapubic": "6", "character_suprapubic": "cramping"},
    )

    assert response.status_code == 302
    pain_map = PainMap.objects.get(episode=episode)
    assert pain_map.source == PainMapSource.PATIENT and pain_map.recorded_by == episode.patient.user
    assert reverse("portal:pain_map") not in client.get(reverse("portal:home")).text


def test_patient_without_a_request_is_sent_home_and_cannot_answer_anothers(client, therapist, episode):
    PainMapRequestFactory(episode=episode)
    stranger = PatientUserFactory(practice=therapist.practice)
    PatientFactory(practice=therapist.practice, user=stranger)
    client.force_login(stranger)

    response = client.post(reverse("portal:pain_map"), {"no_pain": "on"})

    assert response.status_code == 302 and response.url == reverse("portal:home")
    assert not PainMap.objects.exists()


def test_other_practice_gets_404_and_a_patient_403_on_the_therapist_pages(
    client, other_therapist, episode, patient_user
):
    urls = [
        reverse("patients:painmap_create", args=[episode.pk]),
        reverse("patients:painmap_request", args=[episode.pk]),
    ]
    client.force_login(other_therapist)
    assert [client.post(url).status_code for url in urls] == [404, 404]
    assert client.get(urls[0]).status_code == 404
    client.force_login(patient_user)
    assert client.get(urls[0]).status_code == 403
    assert not PainMapRequest.objects.exists()
    assert AccessLogEntry.objects.filter(part=RecordPart.PAIN_MAP, outcome="denied").count() == 4
