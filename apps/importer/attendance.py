"""Attendance lists: who attended or was absent, by category (出席者, 欠席者 and their sub-headings)."""

from __future__ import annotations

import re

from apps.importer.fields import numerals
from apps.importer.people import HEADCOUNT_RE, category_of, parse_attendee
from apps.importer.result import Attendee, ParsedMinutes, ParseWarning
from apps.importer.text import D, Line, compact
from apps.importer.vocabulary import CATEGORY_KEYWORDS, CATEGORY_LABELS, GROUP_KEYWORDS, MINISTRY_RE, SPACES

# Notes printed inside a list: (五十音順), (敬称略), ※代理出席, and 他/ほか for "and others".
LIST_NOTE_RE = re.compile(r"[(（]?\s*(?:五十音順|敬称略|順不同)\s*[)）]|※[^、，,|]*")
OTHERS_RE = re.compile(r"[\s\u3000、,]*(?:他|ほか|外)$")
# (欠席:浜委員、渡邉委員) and (後藤副委員長は欠席) inside an attendee line.
ABSENT_NOTE_RE = re.compile(r"[(（]\s*(?:欠席\s*[:：]\s*(?P<list>[^)）]+)|(?P<one>[^)）]+?)\s*は\s*欠席)\s*[)）]")
EACH_MEMBER_RE = re.compile(r"の各委員$")
HEADCOUNT_ONLY_RE = re.compile(r"^(?:[^:：]{1,10}[:：])?\s*[(（]?\s*(?:以上|計|合計)?\s*\d+\s*[名人]\s*[)）]?$")
# A whole line in parentheses that explains rather than lists: (高委員長の「高」は、正しくは「はしごだか」)
NOTE_LINE_RE = re.compile(r"[(（](?=[^)）]*[「。]|.{21,}).*[)）]")
GROUP_LABEL_RE = re.compile(r"[【［\[]\s*([^】］\]]{1,20})\s*[】］\]]")
# Sub-headings of a list: (category or 'group' or 'absent', printed label, names on the same line).
ListHeading = tuple[str, str, str]
NUMBERED_HEADING_RE = re.compile(rf"^[(（]\s*{D}{{1,2}}\s*[)）][{SPACES}]*(.+)$")
BRACKETED_HEADING_RE = re.compile(r"^[(（\[［<＜【]\s*([^)）\]］>＞】]{1,20})\s*[)）\]］>＞】]$")
LEADING_CATEGORY_RE = re.compile(
    r"^(?:[(（【［\[<＜]\s*([^)）】］\]>＞]{1,12})\s*[)）】］\]>＞]|(\S{2,8})[ \u3000]+)\s*(.+)$"
)
LABELLED_HEADING_RE = re.compile(
    rf"^(?:{D}{{1,2}}\s*[.．、)]|[【［\[<＜《≪■◆●○・])?\s*"
    r"([^、，,:：】］\]>＞》≫]{1,30}?)\s*[】］\]>＞》≫]?\s*(?:[:：]\s*(.*))?$"
)
MARKED_RE = re.compile(rf"^(?:[(（]\s*{D}|{D}|[【［\[<＜《≪■◆●○・])")
NONE_WORDS = ("なし", "無し", "なし。")
SEPARATORS = r"[、，,|｜]"


class AttendanceReader:
    """Reads one attendance section into the result, placing each of its lines."""

    def __init__(self, result: ParsedMinutes, *, keyword: str, absent: bool) -> None:
        self.result = result
        self.section_absent = absent
        self.absent = absent
        self.category: str | None = "member" if absent else category_of(keyword)
        self.organization: str | None = None
        self.group = ""
        self.pending: list[Line] = []
        self.stated_count: int | None = None
        self.found: list[Attendee] = []

    def read(self, lines: list[Line]) -> None:
        for line in lines:
            if line.blank:
                self.flush()
                continue
            if NOTE_LINE_RE.fullmatch(line.text):
                self.result.unplace(line.number, line.text, "出席者一覧の注記")
                continue
            self.result.place(line.number, "absentee" if self.absent else "attendee")
            text = LIST_NOTE_RE.sub("", line.text).strip(SPACES)
            if not text or compact(text) in NONE_WORDS:
                continue
            if HEADCOUNT_ONLY_RE.match(numerals(text)):
                self.flush()
                self.stated_count = int(re.sub(r"\D", "", numerals(text)) or 0)
                continue
            heading = self.heading(text)
            if heading is None:
                self.pending.append(Line(line.number, text))
                continue
            self.flush()
            self.apply(heading)
            group = GROUP_LABEL_RE.fullmatch(heading[2])
            if group:  # 市執行部 【財務部】
                self.group = group.group(1)
            elif heading[2]:
                self.pending.append(Line(line.number, heading[2]))
        self.flush()
        self.check_count()

    def apply(self, heading: ListHeading) -> None:
        kind, label, _ = heading
        if kind == "absent":
            self.absent = True
            self.category = category_of(label) or "member"
        elif kind == "group":
            self.group = label
        else:
            # Absentee lists name members; the secretariat or officials after them were present.
            self.absent = self.section_absent and kind == "member"
            self.category, self.group = kind, ""
            self.organization = label if kind == "ministry" and MINISTRY_RE.match(compact(label)) else None

    def flush(self) -> None:
        """Read the pending lines: a list separated by 、 may wrap onto the next line, mid-name too."""
        group: list[Line] = []
        for line in self.pending:
            group.append(line)
            if not re.search(SEPARATORS, line.text):  # a name alone on its line
                self._read_group(group)
                group = []
        self._read_group(group)
        self.pending.clear()

    def _read_group(self, group: list[Line]) -> None:
        if not group:
            return
        joined = "".join(line.text for line in group)
        for m in ABSENT_NOTE_RE.finditer(joined):
            names = m.group("list") or m.group("one")
            for name in re.split(SEPARATORS, names):
                self.add(name, group[0].number, absent=True, category="member")
        joined = ABSENT_NOTE_RE.sub("", joined)
        for part in re.split(SEPARATORS, joined):
            self.add(part, group[0].number, absent=self.absent, category=self.category)

    def add(self, text: str, number: int, *, absent: bool, category: str | None) -> None:
        text = EACH_MEMBER_RE.sub("", OTHERS_RE.sub("", text.strip(SPACES)))
        if not text or compact(text) in NONE_WORDS or HEADCOUNT_ONLY_RE.match(numerals(text)):
            return
        attendee = parse_attendee(
            text, category=category, organization=self.organization, group=self.group, line=number
        )
        if attendee:
            (self.result.absentees if absent else self.result.attendees).append(attendee)
            self.found.append(attendee)

    def check_count(self) -> None:
        """欠席委員 四名 over three names of officials: the names are not the absentees."""
        if not self.section_absent or self.stated_count is None or not self.found:
            return
        if len(self.found) == self.stated_count:
            return
        for attendee in self.found:
            if attendee in self.result.absentees:
                self.result.absentees.remove(attendee)
                attendee.category = "other"
                self.result.attendees.append(attendee)
        self.result.warnings.append(
            ParseWarning(
                self.found[0].line,
                f"欠席者は{self.stated_count}名とありますが、続く{len(self.found)}名は出席者として読みました",
            )
        )

    def heading(self, text: str) -> ListHeading | None:
        """The sub-heading this line of the list is, if any: the first of these forms it takes."""
        return (
            _numbered_heading(text)
            or self._ministry_heading(text)
            or _bracketed_heading(text)
            or _leading_category(text)
            or _labelled_heading(text)
        )

    def _ministry_heading(self, text: str) -> ListHeading | None:
        """文部科学省 alone above its officials."""
        alone = len(text) <= 12 and not re.search(r"[\s\u3000、,]", text)
        if alone and MINISTRY_RE.match(compact(text)) and self.category != "observer":
            return "ministry", text, ""
        return None


def _numbered_heading(text: str) -> ListHeading | None:
    """（１）構成員, (1) 総務副大臣、大臣政務官及び大臣官房."""
    numbered = NUMBERED_HEADING_RE.match(text)
    if not numbered:
        return None
    label = numbered.group(1).strip(SPACES)
    return (category_of(label) or "group"), label, ""


def _bracketed_heading(text: str) -> ListHeading | None:
    """【委員】, (欠席者): a label alone in brackets."""
    bracketed = BRACKETED_HEADING_RE.match(text)
    if not bracketed:
        return None
    label = bracketed.group(1)
    if compact(label).startswith("欠席"):
        return "absent", label, ""
    return (category_of(label) or "group"), label, ""


def _leading_category(text: str) -> ListHeading | None:
    """（委員）大槻議長、… or 事務局　環境部長 山田: a category, then its names on the same line."""
    leading = LEADING_CATEGORY_RE.match(text)
    if not leading:
        return None
    label = leading.group(1) or leading.group(2)
    category = category_of(label) if compact(label) in CATEGORY_LABELS else None
    if category and not re.match(r"^[、,]", leading.group(3)):
        return category, label, leading.group(3)
    return None


def _labelled_heading(text: str) -> ListHeading | None:
    """■委員, 1. 事務局, 出席委員: 相田、…: a label, perhaps marked or numbered, perhaps names after a colon."""
    m = LABELLED_HEADING_RE.match(text)
    if not m:
        return None
    marked = m.group(0) != text or bool(MARKED_RE.match(text))
    label = HEADCOUNT_RE.sub("", m.group(1)).strip(SPACES)
    value = (m.group(2) or "").strip(SPACES)
    has_colon = m.group(2) is not None
    core = compact(label)
    if core.startswith("欠席") or core in ("(欠席)", "欠席"):
        return "absent", label, value
    if core in GROUP_KEYWORDS or (text.startswith("・") and core.startswith(GROUP_KEYWORDS)):
        return "group", label, value
    category = category_of(label)
    if category and (marked or has_colon or core == compact(label) and len(core) <= 8):
        if category == "ministry" and not (marked or has_colon):
            return None
        if not marked and not has_colon and core not in {k for k, _ in CATEGORY_KEYWORDS}:
            return None
        return category, label, value
    if has_colon and marked and not value:
        return "group", label, value
    return None
