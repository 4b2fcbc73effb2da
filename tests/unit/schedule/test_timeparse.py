from datetime import UTC, datetime

import pytest

from socialplan.schedule.times import BadTime, parse_at


def utc(when):
    return when.moment.astimezone(UTC).replace(tzinfo=None)


def test_local_time_with_zone_follows_daylight_saving():
    winter = parse_at("2027-01-05 08:30 Europe/London")
    summer = parse_at("2027-07-05 08:30 Europe/London")
    assert utc(winter) == datetime(2027, 1, 5, 8, 30)
    assert utc(summer) == datetime(2027, 7, 5, 7, 30)
    assert winter.zone == "Europe/London"


def test_iso_with_offset_and_z():
    assert utc(parse_at("2027-01-05T08:30:00+01:00")) == datetime(2027, 1, 5, 7, 30)
    assert utc(parse_at("2027-01-05T08:30Z")) == datetime(2027, 1, 5, 8, 30)


def test_next_slot():
    assert parse_at("next").is_next


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2027-01-05 08:30", "time-zone-missing"),
        ("2027-01-05T08:30:00", "time-zone-missing"),
        ("2027-02-30 08:30 Europe/London", "bad-time"),
        ("2027-01-05 25:00 Europe/London", "bad-time"),
        ("tomorrow morning", "bad-time"),
        ("2027-01-05 08:30 Europe/Londn", "unknown-time-zone"),
        ("2027-01-05 08:30 CEST", "unknown-time-zone"),
        ("2027-01-05T08:30+01:00 Europe/Paris", "bad-time"),
        # The clocks jump from 01:00 to 02:00 in London on 2027-03-28.
        ("2027-03-28 01:30 Europe/London", "time-does-not-exist"),
    ],
)
def test_bad_times_are_explained(text, code):
    with pytest.raises(BadTime) as caught:
        parse_at(text, "Europe/London")
    assert caught.value.code == code
    assert caught.value.hint


def test_missing_zone_hint_suggests_the_brand_zone():
    with pytest.raises(BadTime) as caught:
        parse_at("2027-01-05 08:30", "America/New_York")
    assert "2027-01-05 08:30 America/New_York" in caught.value.hint


def test_unknown_zone_suggests_a_close_one():
    with pytest.raises(BadTime) as caught:
        parse_at("2027-01-05 08:30 Europe/Londn")
    assert "Europe/London" in caught.value.hint


def test_repeated_hour_is_ambiguous():
    # The clocks go back from 02:00 to 01:00 in London on 2027-10-31.
    assert parse_at("2027-10-31 01:30 Europe/London").ambiguous
    assert not parse_at("2027-10-31 03:30 Europe/London").ambiguous
