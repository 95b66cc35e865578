"""Whatever text comes in, the importer returns a result or its own error, never anything else."""

from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.importer.parser import MinutesError, ParsedMinutes, parse_minutes
from apps.importer.services import meeting_import
from apps.importer.sources import decode_text

REFERENCE_LINES = (
    (Path(__file__).resolve().parents[2] / "apps" / "demo" / "data" / "roaming-6th-minutes.txt")
    .read_text(encoding="utf-8")
    .split("\n")
)
# Characters minutes are made of, so that random text hits the parser's paths often.
MINUTES_ALPHABET = st.sampled_from(
    list("１２３(（)）【】○〇～~－-:：、。 \u3000\n\t|・≪≫第回日時場所出席者議事資料座長構成員令和平成元年月分午後前")
    + ["令和4年12月20日", "15時00分～16時57分", "【相田座長】", "（５）", "資料６－８から資料６－１３", "\f"]
)
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parses_or_refuses(text: str) -> None:
    try:
        result = parse_minutes(text)
    except MinutesError as exc:
        assert str(exc)
        assert "\n" not in str(exc)
        return
    assert isinstance(result, ParsedMinutes)
    result.to_dict()


@PROPERTY_SETTINGS
@given(st.text())
def test_arbitrary_text(text):
    _parses_or_refuses(text)


@PROPERTY_SETTINGS
@given(st.lists(MINUTES_ALPHABET, max_size=200).map("".join))
def test_text_made_of_minutes_vocabulary(text):
    _parses_or_refuses(text)


@st.composite
def mutated_reference(draw):
    lines = list(REFERENCE_LINES)
    for _ in range(draw(st.integers(1, 12))):
        position = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "noise"]))
        if operation == "delete":
            del lines[position]
        elif operation == "duplicate":
            lines.insert(position, lines[position])
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[position], lines[other] = lines[other], lines[position]
        elif operation == "insert":
            lines.insert(position, "".join(draw(st.lists(MINUTES_ALPHABET, max_size=10))))
        elif operation == "truncate":
            lines[position] = lines[position][: draw(st.integers(0, max(0, len(lines[position]))))]
        else:
            lines[position] = lines[position] + draw(st.text(max_size=10))
        if not lines:
            lines = [""]
    return "\n".join(lines)


@PROPERTY_SETTINGS
@given(mutated_reference())
def test_mutated_reference_minutes(text):
    _parses_or_refuses(text)


@PROPERTY_SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_decode_or_are_refused(data):
    try:
        text = decode_text(data)
    except MinutesError as exc:
        assert str(exc).startswith("line ")
        return
    _parses_or_refuses(text)


class _Rollback(Exception):
    pass


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(mutated_reference())
def test_mutated_reference_minutes_import_or_are_refused(text):
    """Whatever the parser accepts, the import stores or refuses with the importer's error."""
    try:
        parsed = parse_minutes(text)
    except MinutesError:
        return
    try:
        with transaction.atomic():
            meeting = meeting_import(parsed=parsed, body_name="性質テスト検討会", number=1)
            assert meeting.pk
            raise _Rollback
    except (_Rollback, MinutesError):
        pass
