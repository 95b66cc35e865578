import pytest
from django.utils import timezone

from apps.meetings.models import Meeting
from apps.minutes.models import Minutes
from tests.reports.conftest import reference_meeting  # noqa: F401 - the fixture, shared

PUBLISHED = Minutes.Status.PUBLISHED


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def publish(meeting: Meeting, *, naming: str = Meeting.SpeakerNaming.AS_PRINTED) -> Meeting:
    """Publish at once with the given public naming: published meetings refuse every later write."""
    Meeting.objects.filter(pk=meeting.pk).update(public_speaker_naming=naming)
    Minutes.objects.filter(meeting=meeting).update(status=PUBLISHED, published_at=timezone.now())
    return Meeting.objects.select_related("body", "minutes").get(pk=meeting.pk)


@pytest.fixture
def published_reference(reference_meeting):  # noqa: F811
    return publish(reference_meeting)
