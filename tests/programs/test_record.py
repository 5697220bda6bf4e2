"""The builder's reading of the clinical record, against the record's own models."""

import datetime

import pytest
from django.utils import timezone

from programs.record import episode_classification, latest_perfect
from tests.factories import AssessmentFactory, CareEpisodeFactory, ClassificationFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_without_classification_or_assessment_there_is_nothing_to_read():
    episode = CareEpisodeFactory()
    assert episode_classification(episode) is None
    assert latest_perfect(episode) is None


def test_the_latest_classification_is_read():
    episode = CareEpisodeFactory()
    ClassificationFactory(episode=episode, pelvic_floor_class="overactive", classified_on=TODAY)
    ClassificationFactory(episode=episode, pelvic_floor_class="normal", classified_on=TODAY - datetime.timedelta(7))
    assert episode_classification(episode) == "overactive"


def test_the_latest_assessment_with_a_power_grade_gives_the_perfect_numbers():
    episode = CareEpisodeFactory()
    AssessmentFactory(
        episode=episode,
        assessed_on=TODAY - datetime.timedelta(7),
        endurance_seconds=6,
        repetitions=5,
        fast_contractions=8,
    )
    AssessmentFactory(episode=episode, assessed_on=TODAY, oxford_power=None)
    assert latest_perfect(episode) == {"power": 2, "endurance_seconds": 6, "repetitions": 5, "fast_contractions": 8}
