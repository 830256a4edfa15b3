"""Tracking numbers and the UPU S10 check digit."""

import pytest

from advisor.parsing import TrackingNumber, parse_tracking
from advisor.parsing.tracking import (
    TRACKING_CHECK_DIGIT,
    TRACKING_SEVERAL,
    TRACKING_UNKNOWN_FORMAT,
    TRACKING_UNREADABLE,
    s10_check_digit,
)
from locales import get_translator


def test_domain_example_check_digit_by_the_formula() -> None:
    # DOMAIN.md section 7: weights 8 6 4 2 3 5 9 7 over 12345678 give 204; 204 mod 11 = 6;
    # 11 - 6 = 5, the ninth digit of RB123456785GB.
    weights = (8, 6, 4, 2, 3, 5, 9, 7)
    weighted = sum(d * w for d, w in zip(range(1, 9), weights, strict=True))
    assert weighted == 204
    assert 11 - weighted % 11 == 5
    assert s10_check_digit("12345678") == 5


@pytest.mark.parametrize(
    ("serial", "check"),
    [
        ("47312482", 9),  # sum 200, remainder 2
        ("00000001", 4),  # sum 7, remainder 7
        ("00000000", 5),  # remainder 0 gives 5
        ("01000100", 5),  # sum 11, remainder 0 gives 5
        ("00000012", 0),  # sum 23, remainder 1 gives 0
    ],
)
def test_check_digit_values(serial: str, check: int) -> None:
    assert s10_check_digit(serial) == check


@pytest.mark.parametrize(
    "text",
    [
        "RB123456785GB",
        "rb123456785gb",
        "RB 123 456 785 GB",
        "RB-123-456-785-GB",
        " RB123456785GB\n",
        "Tracking number: RB123456785GB",
        "Трек-номер: RB123456785GB",
        "РВ123456785GВ".replace("РВ", "RB"),
        "RB\u200b123456785GB",
    ],
)
def test_valid_s10(text: str) -> None:
    result = parse_tracking(text)
    assert result.value == TrackingNumber(number="RB123456785GB", carrier="s10", s10_check_ok=True)
    assert result.warning is None


def test_cyrillic_lookalike_letters_are_read_as_latin() -> None:
    # "Е" and "С" typed on a Russian keyboard: EC… is an EMS number from China.
    check = s10_check_digit("12345678")
    value = parse_tracking(f"ЕС12345678{check}СN").value
    assert value is not None
    assert value.number == f"EC12345678{check}CN"
    assert value.s10_check_ok is True


@pytest.mark.parametrize(
    "typo", ["RB123456784GB", "RB123456780GB", "RB223456785GB", "RB123456795GB", "RB123465785GB"]
)
def test_one_digit_typo_is_flagged(typo: str) -> None:
    result = parse_tracking(typo)
    assert result.ok
    assert result.value is not None
    assert result.value.carrier == "s10"
    assert result.value.s10_check_ok is False
    assert result.warning == TRACKING_CHECK_DIGIT


def test_every_wrong_check_digit_is_flagged() -> None:
    for digit in "012346789":
        result = parse_tracking(f"RB12345678{digit}GB")
        assert result.warning == TRACKING_CHECK_DIGIT, digit


def test_the_s10_scheme_misses_a_few_typos() -> None:
    # Remainders 0 and 6 both give check digit 5, so a typo that moves the sum from one to the
    # other passes: 1234567 8 → 1234577 8 adds 5, 204 → 209 ≡ 0. Most typos are caught.
    assert parse_tracking("RB123457785GB").warning is None
    caught = 0
    for position in range(2, 10):
        for digit in "0123456789":
            number = "RB123456785GB"
            if number[position] == digit:
                continue
            typo = number[:position] + digit + number[position + 1 :]
            caught += parse_tracking(typo).warning == TRACKING_CHECK_DIGIT
    assert caught >= 0.8 * 8 * 9


@pytest.mark.parametrize(
    ("text", "carrier"),
    [
        ("LP00123456789012", "cainiao"),
        ("lp 0012 3456 7890 12", "cainiao"),
        ("YT1234567890123456", "yunexpress"),
        ("1234567890123", "numeric"),
        ("0123 4567 8901 2345 678", "numeric"),
    ],
)
def test_known_formats(text: str, carrier: str) -> None:
    result = parse_tracking(text)
    assert result.value is not None
    assert result.value.carrier == carrier
    assert result.value.s10_check_ok is None
    assert result.warning is None


@pytest.mark.parametrize(
    "text", ["UA123456789", "CNAQV1234567", "LP1234567890", "YT12345678901234567"]
)
def test_unknown_format_is_kept_but_flagged(text: str) -> None:
    result = parse_tracking(text)
    assert result.ok
    assert result.value is not None
    assert result.value.carrier == "unknown"
    assert result.warning == TRACKING_UNKNOWN_FORMAT


@pytest.mark.parametrize(
    "text", ["", "  ", "🙂", "ABCDEFGHIJ", "12", "RB1234/56785GB", "A" * 41 + "1", "R" * 5000]
)
def test_unreadable(text: str) -> None:
    result = parse_tracking(text)
    assert result.value is None
    assert result.error is not None
    if len(text) <= 1000:
        assert result.error == TRACKING_UNREADABLE


@pytest.mark.parametrize(
    "text", ["10 days ago", "10DAYSAGO", "in 5 days", "ABCDE12345", "order 123", "AB1C2D3E4F5G"]
)
def test_too_few_digits_for_an_unknown_format_is_refused(text: str) -> None:
    result = parse_tracking(text)
    assert not result.ok
    assert result.error == TRACKING_UNREADABLE
    assert "RB123456785GB" in get_translator("en").gettext(result.error)  # shows valid examples


@pytest.mark.parametrize("text", ["AB123456", "CNAQV123456", "UA123456789"])
def test_six_digits_keep_an_unknown_format(text: str) -> None:
    result = parse_tracking(text)
    assert result.ok and result.value is not None
    assert result.value.carrier == "unknown" and result.warning == TRACKING_UNKNOWN_FORMAT


def test_a_number_pasted_twice_is_read_once_and_two_numbers_are_refused() -> None:
    """Walk AU: pasted twice, the number was joined into one unknown number for the texts."""
    twice = parse_tracking("RB123456785GB RB123456785GB")
    assert twice.value is not None and twice.value.number == "RB123456785GB"
    assert twice.warning is None
    assert parse_tracking("RB123456785GB, LP00123456789012").error == TRACKING_SEVERAL
    spaced = parse_tracking("RB 1234 5678 5GB")  # one number in groups stays one
    assert spaced.value is not None and spaced.value.number == "RB123456785GB"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12345678901234 12345678901234", "12345678901234"),
        ("RB123456785GBRB123456785GB", "RB123456785GB"),
        ("RB 1234 5678 5GB RB 1234 5678 5GB", "RB123456785GB"),
    ],
)
def test_long_numbers_and_glued_ones_pasted_twice_are_read_once(text: str, number: str) -> None:
    """Walk BA: a long numeric code pasted twice went into the dispute text joined."""
    parsed = parse_tracking(text)
    assert parsed.value is not None and parsed.value.number == number


def test_two_numbers_joined_by_a_word_are_refused() -> None:
    assert parse_tracking("LP00123456789012 and LP00123456789013").error == TRACKING_SEVERAL


def test_a_long_numeric_code_in_two_groups_is_one_number() -> None:
    """Walk BB: two groups of eleven digits were refused as two numbers."""
    parsed = parse_tracking("12345678901 23456789012")
    assert parsed.value is not None and parsed.value.number == "1234567890123456789012"


@pytest.mark.parametrize(
    ("text", "number"),
    [("трек lp 0012 3456 7890 12", "LP00123456789012"), ("Трек RB123456785GB", "RB123456785GB"),
     ("номер LP00123456789012", "LP00123456789012"), ("вот мой трек rb 123 456 785 gb",
     "RB123456785GB"), ("track LP00123456789012", "LP00123456789012"),
     ("посылка RB123456785GB", "RB123456785GB"), ("my tracking number is 1234567890",
     "1234567890"), ("трек ABC12345678", "ABC12345678"),
     # Two letters right before digits may be the number's own prefix: kept.
     ("SF 1234567890", "SF1234567890")],
)  # fmt: skip
def test_words_typed_before_the_number_are_not_glued_to_it(text: str, number: str) -> None:
    """Walk CJ: "трек LP…" was kept as "TPEKLP…" (Cyrillic read as Latin look-alikes), and
    went into the English texts."""
    result = parse_tracking(text)
    assert result.value is not None and result.value.number == number


def test_an_unknown_format_is_read_back_as_kept() -> None:
    """Walk CJ: the warning did not show the number, so a glued word went unnoticed."""
    result = parse_tracking("трек номер AB12345678CD99")
    assert result.warning_text(get_translator("ru")) is not None
    assert "AB12345678CD99" in (result.warning_text(get_translator("ru")) or "")
