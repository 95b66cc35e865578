import pytest

from apps.minutes.models import Minutes

from .reference import build_reference_meeting


@pytest.fixture
def reference_meeting(personas):
    """The reference 6th meeting, in the personas' study group, with draft minutes."""
    meeting = build_reference_meeting(personas.study_group)
    Minutes.objects.create(meeting=meeting)
    return meeting
