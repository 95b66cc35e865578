import pytest

from .record import build_record


@pytest.fixture
def record(personas):
    return build_record(personas)
