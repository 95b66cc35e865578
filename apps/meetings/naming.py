"""How a meeting's record names people: as printed, or as its public version does.

The one home of that rule. The public page, the PDF and Word minutes, Akoma Ntoso, the tables,
the feeds and the API all ask a SpeakerNames for a statement's label, its text and an
attendee's name, so that no format names someone the secretariat chose not to name.
Participants of the body get the printed names (apps.access.permissions.sees_speaker_names).

- as printed: 【藤井構成員】, 【ＮＴＴドコモ（小林）】;
- by category: 【構成員】, 【事業者】, 【事務局】 (構成員から、…との意見があった);
- by category, operators with their organization: 【事業者（NTTドコモ）】;
- not at all: 【発言者】.
In the public version people's names are also taken out of the statements' text (相田座長を
はじめ → 座長をはじめ) and out of the attendance, which lists roles and organizations only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import Attendance, Meeting, Statement

Naming = Meeting.SpeakerNaming
Category = Attendance.Category

# The public label of each attendance category (構成員から, 事業者から, 事務局から …).
CATEGORY_LABELS: dict[str, str] = {
    Category.MEMBER: "構成員",
    Category.OPERATOR: "事業者",
    Category.OBSERVER: "オブザーバー",
    Category.MINISTRY: "事務局",
    Category.SECRETARIAT: "事務局",
    Category.OTHER: "出席者",
}
UNNAMED_SPEAKER = "発言者"
NAME_PLACEHOLDER = "〇〇"
# Printed labels that tell a member when the speaker is not linked to the attendance.
MEMBER_TITLES = ("座長代理", "座長", "構成員", "委員", "主査", "専門委員")


@dataclass
class SpeakerNames:
    """Names for one meeting's record as one audience sees it."""

    naming: str
    person_categories: dict[int, str] = field(default_factory=dict)
    organization_categories: dict[int, str] = field(default_factory=dict)
    hidden: re.Pattern[str] | None = None  # people's names to take out of the text
    _replacements: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def for_meeting(cls, meeting: Meeting, *, public: bool, statements: Iterable[Statement] = ()) -> SpeakerNames:
        """The names as printed, or as the meeting's public version gives them.

        Reads `meeting.attendances.all()` (prefetch it with person and organization) and the
        speakers of `statements` (with speaker loaded) for names that are not in the attendance.
        """
        naming = meeting.public_speaker_naming if public else Naming.AS_PRINTED
        if naming == Naming.AS_PRINTED:
            return cls(naming=naming)
        names = cls(naming=naming)
        replacements: dict[str, str] = {}
        for attendance in meeting.attendances.all():
            if attendance.person_id is not None:
                names.person_categories[attendance.person_id] = attendance.category
                _hide(replacements, attendance.person, attendance.role_label)
            if attendance.organization_id is not None:
                names.organization_categories.setdefault(attendance.organization_id, attendance.category)
        for statement in statements:
            if statement.speaker is not None:
                _hide(replacements, statement.speaker, "")
        if replacements:
            ordered = sorted(replacements, key=len, reverse=True)  # 相田座長 before 相田
            names.hidden = re.compile("|".join(re.escape(name) for name in ordered))
            names._replacements = replacements
        return names

    @property
    def as_printed(self) -> bool:
        return self.naming == Naming.AS_PRINTED

    def category(self, statement: Statement) -> str:
        if statement.speaker_id in self.person_categories:
            return self.person_categories[statement.speaker_id]
        label = statement.speaker_label
        if label.endswith(MEMBER_TITLES):
            return Category.MEMBER
        if statement.speaker_organization_id in self.organization_categories:
            return self.organization_categories[statement.speaker_organization_id]
        if "事務局" in label:
            return Category.SECRETARIAT
        return Category.OPERATOR if statement.speaker_organization_id else Category.OTHER

    def speaker(self, statement: Statement) -> str:
        """The label printed in 【】 before a statement."""
        if self.as_printed:
            return statement.speaker_label
        if self.naming == Naming.NONE:
            return UNNAMED_SPEAKER
        category = self.category(statement)
        label = CATEGORY_LABELS[category]
        organization = statement.speaker_organization
        if self.naming == Naming.CATEGORY_WITH_ORGANIZATION and category == Category.OPERATOR and organization:
            return f"{label}（{organization.short_name or organization.name}）"
        return label

    def text(self, text: str) -> str:
        """A statement's (or a proceedings') text with people's names taken out."""
        if self.hidden is None:
            return text
        return self.hidden.sub(lambda match: self._replacements[match.group(0)], text)

    def attendee(self, attendance: Attendance) -> str | None:
        """The public name of an attendee who is a person (None: print as before).

        Roles and organizations stay: 座長, 構成員, 株式会社NTTドコモ, 総合通信基盤局長.
        """
        if self.as_printed or attendance.person_id is None:
            return None
        if attendance.category == Category.OPERATOR and attendance.organization is not None:
            return attendance.organization.name
        return attendance.role_label or CATEGORY_LABELS[attendance.category]


def _hide(replacements: dict[str, str], person, role_label: str) -> None:
    """Register a person's printed forms: 相田座長 → 座長, 小林 宏 / 小林宏 / 小林 → 〇〇."""
    family, given = person.family_name.strip(), person.given_name.strip()
    if not family:
        return
    if role_label:
        replacements[family + role_label] = role_label
    for title in MEMBER_TITLES:
        replacements.setdefault(family + title, title)
    if given:
        replacements[f"{family} {given}"] = NAME_PLACEHOLDER
        replacements[f"{family}\u3000{given}"] = NAME_PLACEHOLDER
        replacements[family + given] = NAME_PLACEHOLDER
    # A one-character family name (北) is too common a character to take out on its own.
    if len(family) > 1:
        replacements.setdefault(family, NAME_PLACEHOLDER)


def shown_speaker(statement: Statement) -> str:
    """The label of a statement as its reader may see it: marked with `public_names` by
    apps.access.permissions.mark_public_statements, else as printed."""
    names: SpeakerNames | None = getattr(statement, "public_names", None)
    return names.speaker(statement) if names is not None else statement.speaker_label


def shown_text(statement: Statement) -> str:
    names: SpeakerNames | None = getattr(statement, "public_names", None)
    return names.text(statement.text) if names is not None else statement.text
