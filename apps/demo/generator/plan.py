"""What the generator's parts share: the seeded random source and the plan of each body."""

import random
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from apps.demo.synthetic import Phrasebook, Vocabulary
from apps.directory.models import Body, Organization, Person
from apps.meetings.models import Meeting

TOKYO = ZoneInfo("Asia/Tokyo")
BATCH = 5000


@dataclass
class Generation:
    """One run: every random draw comes from `rng`, in the order the parts are called."""

    rng: random.Random
    vocabulary: Vocabulary
    phrasebook: Phrasebook
    now: datetime

    @classmethod
    def seeded(cls, *, seed: int, vocabulary: Vocabulary) -> "Generation":
        rng = random.Random(seed)
        return cls(rng=rng, vocabulary=vocabulary, phrasebook=Phrasebook.of(vocabulary, rng), now=timezone.now())


@dataclass
class BodyPlan:
    body: Body
    root: Body  # the study group at the top of this body's tree
    task_group: Body | None
    # (person, label as printed, organization, category of attendance, statement kind)
    speakers: list[tuple[Person, str, Organization | None, str, str]] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
