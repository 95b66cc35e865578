"""What the printed words of minutes say about a record: meeting number, organization kind,
attendance category, membership role, meeting mode, statement kind."""

import re

from apps.core.text import normalize
from apps.directory.models import Membership, Organization
from apps.importer.result import Attendee
from apps.importer.text import compact
from apps.meetings.models import Attendance, Meeting, Statement

CATEGORIES = {choice.value for choice in Attendance.Category}
MEMBER_ROLES = {"座長": Membership.Role.CHAIR, "座長代理": Membership.Role.DEPUTY_CHAIR}
KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def meeting_number_from_title(title: str | None) -> int | None:
    m = re.search(r"第\s*([0-9]+|[〇一二三四五六七八九十百]+)\s*回", normalize(title or ""))
    if not m:
        return None
    token = m.group(1)
    if token.isdigit():
        return int(token)
    value, current = 0, 0
    for ch in token:
        if ch == "百":
            value, current = value + (current or 1) * 100, 0
        elif ch == "十":
            value, current = value + (current or 1) * 10, 0
        else:
            current = KANJI_DIGITS[ch]
    return value + current or None


# First match wins: (does the NFKC name say it, kind).
_ORGANIZATION_KINDS = [
    (lambda n: n.endswith("省") or n.startswith("内閣"), Organization.Kind.MINISTRY),
    (lambda n: n.endswith("庁"), Organization.Kind.AGENCY),
    (lambda n: "協会" in n or "法人" in n or "協議会" in n, Organization.Kind.ASSOCIATION),
    (lambda n: "大学" in n, Organization.Kind.ACADEMIA),
    (lambda n: "株式会社" in n, Organization.Kind.COMPANY),
]


def organization_kind(name: str, category: str | None) -> str:
    if category == Attendance.Category.OPERATOR:
        return Organization.Kind.OPERATOR
    n = normalize(name)
    return next((kind for says, kind in _ORGANIZATION_KINDS if says(n)), Organization.Kind.OTHER)


def attendance_category(attendee: Attendee) -> str:
    return attendee.category if attendee.category in CATEGORIES else Attendance.Category.OTHER


def membership_role(attendee: Attendee) -> str | None:
    """The role in the body an attendance implies; None for those who are not members (officials, observers)."""
    if attendee.category == Attendance.Category.MEMBER:
        return MEMBER_ROLES.get(compact(attendee.role or ""), Membership.Role.MEMBER)
    if attendee.category == Attendance.Category.OPERATOR:
        return Membership.Role.OPERATOR_REPRESENTATIVE
    return None


def meeting_mode(venue: str) -> str:
    if re.search(r"併用|ハイブリッド", venue):
        return Meeting.Mode.HYBRID
    if re.search(r"(?i)web|オンライン|online|テレビ会議|ウェブ", normalize(venue)):
        return Meeting.Mode.ONLINE
    return Meeting.Mode.IN_PERSON


def statement_kind(text: str, previous: Statement | None, speaker_label: str) -> str:
    last = text.rstrip().rsplit("。", 2)
    ending = "。".join(last[-2:]) if len(last) > 1 else text
    if re.search(r"(か|でしょうか|ますか|ませんか)[。？?]?\s*$", ending):
        return Statement.Kind.QUESTION
    if previous is not None and previous.kind == Statement.Kind.QUESTION and previous.speaker_label != speaker_label:
        return Statement.Kind.ANSWER
    return Statement.Kind.COMMENT
