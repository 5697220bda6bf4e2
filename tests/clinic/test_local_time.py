"""Both nights the clocks change in 2027 (Europe/Amsterdam): a time that occurs twice is taken the first time,
a time that does not exist is refused in a plain sentence offering the first valid time."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from clinic.local_time import LocalDateTimeField

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("typed", "utc"),
    [
        ("2027-03-28T01:59", "2027-03-28T00:59"),
        ("2027-03-28T03:00", "2027-03-28T01:00"),
        ("2027-10-31T01:59", "2027-10-30T23:59"),
        ("2027-10-31T02:00", "2027-10-31T00:00"),  # occurs twice: the first time, still summer time
        ("2027-10-31T02:30", "2027-10-31T00:30"),
        ("2027-10-31T02:59", "2027-10-31T00:59"),
        ("2027-10-31T03:00", "2027-10-31T02:00"),
    ],
)
def test_a_time_that_exists_is_taken_and_one_that_occurs_twice_the_first_time(typed, utc):
    field = LocalDateTimeField(input_formats=["%Y-%m-%dT%H:%M"])
    moment = field.clean(typed)
    assert moment.astimezone(datetime.UTC).replace(tzinfo=None) == datetime.datetime.fromisoformat(utc)


@pytest.mark.parametrize(
    ("language", "typed", "sentence"),
    [
        (
            "en",
            "2027-03-28T02:30",
            "02:30 does not exist on 28 March 2027: the clocks go forward an hour that night. "
            "The nearest valid time is 03:00.",
        ),
        ("en", "2027-03-28T02:00", "The nearest valid time is 03:00."),
        (
            "nl",
            "2027-03-28T02:59",
            "02:59 bestaat niet op 28 maart 2027: die nacht gaat de klok een uur vooruit. "
            "Het dichtstbijzijnde geldige tijdstip is 03:00.",
        ),
    ],
)
def test_a_time_that_does_not_exist_is_refused_in_a_plain_sentence(language, typed, sentence):
    field = LocalDateTimeField(input_formats=["%Y-%m-%dT%H:%M"])
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            field.clean(typed)
        shown = " ".join(refused.value.messages)
    assert sentence in shown


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("0001-01-01T00:00", "Choose a date from the year 1900 on."),
        ("1899-12-31T23:59", "Choose a date from the year 1900 on."),
        ("9999-12-31T23:59", "Choose a date before the year 3000."),
    ],
)
def test_a_time_no_one_could_mean_is_refused_in_a_sentence_not_a_failed_conversion(typed, sentence):
    field = LocalDateTimeField(input_formats=["%Y-%m-%dT%H:%M"])
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            field.clean(typed)
        assert refused.value.messages == [sentence]


def test_the_first_and_last_day_are_taken():
    field = LocalDateTimeField(input_formats=["%Y-%m-%dT%H:%M"])
    assert field.clean("1900-01-01T12:00").year == 1900
    assert field.clean("2999-12-30T12:00").year == 2999
