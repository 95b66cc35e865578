import pytest

from apps.directory.models import Person
from apps.minutes.models import Minutes

from .reference import build_reference_meeting


@pytest.fixture
def reference_meeting(personas):
    """The reference 6th meeting imported into the personas' study group, with draft minutes."""
    # The operator persona is ＮＴＴドコモ's 小林 宏: the importer finds him rather than a namesake.
    Person.objects.filter(user=personas.operator).update(given_name="宏")
    meeting = build_reference_meeting(personas.study_group)
    Minutes.objects.get_or_create(meeting=meeting)
    return meeting
