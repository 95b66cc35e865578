import pytest
from django.utils import translation

from .record import build_record


@pytest.fixture
def record(personas):
    return build_record(personas)


@pytest.fixture(autouse=True)
def _english():
    """Refusal messages are asserted in English (the Japanese catalogue is tested in tests/portal)."""
    with translation.override("en"):
        yield
