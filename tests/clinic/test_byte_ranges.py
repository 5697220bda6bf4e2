"""Which bytes of a file a Range header asks for: one range, the whole file, or nothing it can have."""

import pytest

from clinic.byte_ranges import UnsatisfiableRange, requested_range


@pytest.mark.parametrize(
    ("header", "size", "wanted"),
    [
        ("bytes=0-", 1000, (0, 999)),
        ("bytes=100-199", 1000, (100, 199)),
        ("bytes=-500", 1000, (500, 999)),
        ("bytes=-5000", 1000, (0, 999)),  # a suffix longer than the file is the whole file
        ("bytes=0-1", 1000, (0, 1)),  # Safari's first probe
        ("bytes=900-5000", 1000, (900, 999)),  # an end past the file stops at its last byte
        ("bytes=999-999", 1000, (999, 999)),
        ("Bytes=10-19", 1000, (10, 19)),
        (" bytes=10-19 ", 1000, (10, 19)),
        ("bytes=0-" + "9" * 40, 1000, (0, 999)),
        (None, 1000, None),
        ("", 1000, None),
        ("bytes=", 1000, None),
        ("bytes=-", 1000, None),
        ("bytes=abc-def", 1000, None),
        ("bytes=1.5-2", 1000, None),
        ("bytes=199-100", 1000, None),  # last before first: not a range
        ("bytes=0-1,5-6", 1000, None),  # several ranges: the whole file
        ("bytes=0-1, 5-6", 1000, None),
        ("items=0-1", 1000, None),
        ("bytes 0-1", 1000, None),
        ("bytes=٠-١", 1000, None),  # only ASCII digits
    ],
)
def test_a_range_header_asks_for_one_range_or_the_whole_file(header, size, wanted):
    assert requested_range(header, size) == wanted


@pytest.mark.parametrize(
    ("header", "size"),
    [
        ("bytes=1000-", 1000),
        ("bytes=1000-1999", 1000),
        ("bytes=" + "9" * 40 + "-", 1000),
        ("bytes=-0", 1000),
        ("bytes=0-", 0),
        ("bytes=-10", 0),
    ],
)
def test_a_range_past_the_end_cannot_be_had(header, size):
    with pytest.raises(UnsatisfiableRange):
        requested_range(header, size)
