"""The builder's reading of the clinical record, against the record's own models."""

import datetime

import pytest
from django.db.models import OuterRef
from django.utils import timezone

from patients.selectors.record import latest_pelvic_floor_class, latest_perfect
from programs.models import HomeProgram
from tests.factories import AssessmentFactory, CareEpisodeFactory, ClassificationFactory, HomeProgramFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def classification_of(program):
    programs = HomeProgram.objects.filter(pk=program.pk)
    return (
        programs.annotate(episode_classification=latest_pelvic_floor_class(OuterRef("episode")))
        .get()
        .episode_classification
    )


def test_without_classification_or_assessment_there_is_nothing_to_read():
    program = HomeProgramFactory()
    assert classification_of(program) is None
    assert latest_perfect(program.episode) is None


def test_the_latest_classification_of_the_programs_own_episode_is_read():
    program = HomeProgramFactory()
    ClassificationFactory(episode=program.episode, pelvic_floor_class="overactive", classified_on=TODAY)
    ClassificationFactory(
        episode=program.episode, pelvic_floor_class="normal", classified_on=TODAY - datetime.timedelta(7)
    )
    ClassificationFactory(episode=CareEpisodeFactory(patient=program.episode.patient), pelvic_floor_class="normal")
    assert classification_of(program) == "overactive"


def test_of_two_classifications_on_one_day_the_later_recorded_counts():
    program = HomeProgramFactory()
    ClassificationFactory(episode=program.episode, pelvic_floor_class="normal", classified_on=TODAY)
    ClassificationFactory(episode=program.episode, pelvic_floor_class="overactive", classified_on=TODAY)
    assert classification_of(program) == "overactive"


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
