"""Layout profiles: how a family of minutes marks who is speaking.

Each profile recognises its own speaker lines and nothing else; the document's profile is
chosen from the evidence of its lines (the one with the most speaker lines wins), so a new
publisher's format is one more profile here, not one more branch in a chain of rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from apps.importer.fields import numerals
from apps.importer.people import category_of, looks_like_speaker
from apps.importer.result import Attendee
from apps.importer.text import compact, nfkc
from apps.importer.vocabulary import CATEGORY_LABELS, NON_SPEAKER_BRACKETS, ROLE_SUFFIXES, SPACES

# (label as printed, text on the same line, statement kind or None)
SpeakerLine = tuple[str, str, str | None]
Matcher = Callable[[str, list[Attendee]], SpeakerLine | None]

BRACKET_RE = re.compile(r"^【([^【】]{1,40})】\s*(.*)$")
CIRCLE_RE = re.compile(r"^[○◯〇]\s*(.+)$")
ASSEMBLY_RE = re.compile(r"^([○◯〇◆◎])\s*(.+)$")
COLON_RE = re.compile(r"^([^:：\s。、]{1,40}?)\s*[:：]\s*(.*)$")
ROLE_RE = re.compile(r"^[(（]\s*(委員|構成員|座長|委員長|部会長|会長|主査|事務局|説明者|オブザーバー)\s*[)）]\s*(.+)$")
PAREN_RE = re.compile(r"^([^()（）\s。、]{1,30})[)）]\s*(.*)$")
# Titles that end a printed speaker label (相田座長, 山口課長, 神出政巳君).
SPEAKER_ENDINGS = ROLE_SUFFIXES + ("君", "大臣", "副大臣", "政務官", "長", "官", "事務局", "参与", "補佐", "理事")
DATE_LIKE_RE = re.compile(r"\d+\s*年|\d+\s*月\s*\d+\s*日|\d+:\d{2}")
NAME_LIST_RE = re.compile(r"(?:[^、,，]{1,12}[、,，]){2,}[^、,，]{0,12}")  # 菊池座長、岸尾委員、熊倉委員
ASSEMBLY_KINDS = {"◆": "question", "◎": "answer"}


@lru_cache(maxsize=4096)
def _is_category(label: str) -> bool:
    """委員, 事務局, 説明者: an attendee sub-heading, not a speaker."""
    core = compact(label).strip("【】()（）:：")
    return core in CATEGORY_LABELS or (category_of(label) is not None and core in CATEGORY_LABELS)


@lru_cache(maxsize=4096)
def _labelled(label: str) -> bool:
    """A label that names a speaker by itself: ends with a title, or carries (name君) or (role)."""
    core = nfkc(label).strip(SPACES)
    if not core or core.endswith(("。", "者", "日", "名")) or _is_category(core) or DATE_LIKE_RE.search(core):
        return False
    if re.search(r"[:：]", core):
        return False
    return core.endswith(SPEAKER_ENDINGS) or bool(re.fullmatch(r".+[(].+[)]", core))


def _circle_body(body: str, attendees: list[Attendee]) -> tuple[str, str] | None:
    """○相田座長 ただいまから…, ○伊奈川参事官(社会保障担当), ○事務局（林室長）資料1に基づき説明。"""
    body = body.strip(SPACES)
    if DATE_LIKE_RE.match(numerals(body)) or re.match(r"^(?:令和|平成|昭和)\s*\d", numerals(body)):
        return None  # 〇平成19年9月27日(木曜日): a date line, not a speaker
    if re.fullmatch(r"[^\s\u3000。、]{1,40}", body) and (_labelled(body) or looks_like_speaker(body, attendees)):
        return body, ""  # the label alone on its line; the text follows
    split = re.match(r"^([^\s\u3000:：]{1,40})[\s\u3000:：]+(.*)$", body)
    if split and looks_like_speaker(split.group(1), attendees):
        return split.group(1), split.group(2).strip(SPACES)
    bracketed = re.match(r"^([^\s\u3000（(]{1,20}[（(][^）)\s]{1,20}[）)])\s*(.+)$", body)
    if bracketed:
        return bracketed.group(1), bracketed.group(2).strip(SPACES + ":：")
    for a in attendees:  # ○相田座長ただいまから…: the label is a known attendee
        for label in (a.family_name + (a.role or ""), a.name.replace(" ", "") + (a.role or "")):
            if a.role and body.startswith(label) and len(body) > len(label):
                return label, body[len(label) :].strip(SPACES + ":：")
    suffix = re.match(
        r"^(.{1,12}?(?:座長代理|座長|委員長|構成員|委員|事務局|課長|室長|局長|部長|審議官|参事官))(.+)$", body
    )
    # A particle after the title makes it a sentence (○構成員から、…), not a speaker.
    if suffix and not re.match(r"^(?:から|より|は|が|の|に|を|と|も|等|各|[(（])", suffix.group(2)):
        return suffix.group(1), suffix.group(2).strip(SPACES + ":：")
    if split and len(split.group(1)) <= 20 and not split.group(1).endswith("。"):
        return split.group(1), split.group(2).strip(SPACES)
    return None


def bracket_speaker(text: str, attendees: list[Attendee]) -> SpeakerLine | None:
    m = BRACKET_RE.match(text)
    if not m:
        return None
    label, rest = m.group(1).strip(SPACES), m.group(2).strip(SPACES)
    if not label or _is_category(label) or compact(label).startswith(("資料", "参考資料")):
        return None
    if _labelled(label) or looks_like_speaker(label, attendees):
        return label, rest, None
    if not rest and not label.endswith(NON_SPEAKER_BRACKETS):
        return label, rest, None
    return None


def circle_speaker(text: str, attendees: list[Attendee]) -> SpeakerLine | None:
    m = CIRCLE_RE.match(text)
    first = m.group(1).split()[0] if m and m.group(1).split() else ""
    if not m or (_is_category(first) and compact(first) != "事務局"):
        return None  # ○説明者: … lists people; the secretariat does speak
    found = _circle_body(m.group(1), attendees)
    return (found[0], found[1], None) if found else None


def assembly_speaker(text: str, attendees: list[Attendee]) -> SpeakerLine | None:
    m = ASSEMBLY_RE.match(text)
    if not m:
        return None
    found = _circle_body(m.group(2), attendees)
    if not found:
        return None
    return found[0], found[1], ASSEMBLY_KINDS.get(m.group(1), "remark")


def colon_speaker(text: str, attendees: list[Attendee]) -> SpeakerLine | None:
    """村井座長: …, 委員長(相馬君):…, 厚生労働省健康局健康課・山本課長補佐:"""
    m = COLON_RE.match(text)
    if not m:
        return None
    label = m.group(1)
    if _labelled(label) or compact(label) == "事務局":
        return label, m.group(2).strip(SPACES), None
    if attendees and looks_like_speaker(label, attendees) and not label.endswith(("者", "日", "名")):
        return label, m.group(2).strip(SPACES), None
    return None


def paren_speaker(text: str, attendees: list[Attendee]) -> SpeakerLine | None:
    """山本委員長)ただ今から…, 市長)本日は…: the label closed by a parenthesis."""
    m = PAREN_RE.match(text)
    if m and (_labelled(m.group(1)) or looks_like_speaker(m.group(1), attendees)):
        return m.group(1), m.group(2).strip(SPACES), None
    return None


def role_speaker(text: str, attendees: list[Attendee]) -> SpeakerLine | None:
    """(委員) …, (事務局) …: summaries that name the speaker's role only."""
    m = ROLE_RE.match(text)
    return (m.group(1), m.group(2).strip(SPACES), None) if m else None


def name_line_speaker(text: str, attendees: list[Attendee]) -> SpeakerLine | None:
    """橘川部会長 alone on its line, the statement on the lines below."""
    if re.fullmatch(r"[^\s\u3000。、,，:：()（）「」【】]{2,20}", text) and _labelled(text):
        return text, "", None
    return None


def no_speaker(text: str, attendees: list[Attendee]) -> SpeakerLine | None:
    return None


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    speaker: Matcher
    hint: Callable[[str], bool] = lambda text: True  # a cheap test a speaker line of the layout passes


LAYOUTS = (
    Layout("bracket", "summary or verbatim with 【speaker】 labels", bracket_speaker, lambda t: t[:1] == "【"),
    Layout("circle", "verbatim with ○speaker labels", circle_speaker, lambda t: t[:1] in "○◯〇"),
    Layout(
        "assembly", "assembly records with ◆ question, ◎ answer, ○ chair", assembly_speaker, lambda t: t[:1] in "◆◎"
    ),
    Layout("colon", "speaker: text", colon_speaker, lambda t: ":" in t or "：" in t),
    Layout(
        "paren", "speaker) text, as some municipal committees print it", paren_speaker, lambda t: ")" in t or "）" in t
    ),
    Layout("role", "(委員) text: the speaker's role only, in parentheses", role_speaker, lambda t: t[:1] in "(（"),
    Layout("name_line", "the speaker's name alone on its line", name_line_speaker, lambda t: 2 <= len(t) <= 20),
)
NO_SPEAKERS = Layout("none", "no speakers: a summary in prose or bullets", no_speaker)
BY_NAME = {layout.name: layout for layout in (*LAYOUTS, NO_SPEAKERS)}


def _evidence(layout: Layout, texts: list[str]) -> int:
    """How many lines the profile reads as a speaker who plainly is one, followed by what they say."""
    count = 0
    for index, text in enumerate(texts):
        if not text or not layout.hint(text):
            continue
        found = layout.speaker(text, [])
        if not found:
            continue
        label, rest, _ = found
        if not (_labelled(label) or layout.name == "role"):
            continue
        if not rest:  # a label alone on its line: a statement must follow
            following = next((t for t in texts[index + 1 : index + 3] if t), "")
            if layout.name == "name_line" and (len(following) < 30 or "。" not in following):
                continue
            if "。" not in following and (len(following) < 20 or NAME_LIST_RE.fullmatch(following)):
                continue
        count += 1
    return count


def detect_layout(texts: list[str]) -> Layout:
    """The profile with the most speaker lines in the document; `none` if no profile finds any."""
    scored = [(_evidence(layout, texts), -order, layout) for order, layout in enumerate(LAYOUTS)]
    count, _, best = max(scored, key=lambda entry: entry[:2])
    if best.name == "circle" and _evidence(BY_NAME["assembly"], texts):
        return BY_NAME["assembly"]
    return best if count else NO_SPEAKERS
