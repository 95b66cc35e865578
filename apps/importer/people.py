"""Attendees and speakers: who is listed, and whom a printed speaker label names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from apps.importer.result import Attendee, ParsedMinutes, ParseWarning
from apps.importer.text import compact, nfkc
from apps.importer.vocabulary import (
    CATEGORY_KEYWORDS,
    LEGAL_FORMS,
    MINISTRY_RE,
    NON_SPEAKER_BRACKETS,
    ORG_MARKERS,
    ROLE_SUFFIXES,
    SPACES,
    TITLE_ENDINGS,
    TITLE_STARTS,
)

HEADCOUNT_RE = re.compile(r"[(（]?\s*(?:以上|計|合計)?\s*[、,]?\s*\d+\s*名\s*[)）]?$|[(（]\s*敬称略\s*[)）]")


# --- Attendees ------------------------------------------------------------------------------


def is_org_like(text: str) -> bool:
    normalized = nfkc(text)
    return any(marker in normalized for marker in ORG_MARKERS)


def is_title_like(text: str) -> bool:
    return text.endswith(TITLE_ENDINGS) or any(text.endswith(s) for s in ROLE_SUFFIXES)


def split_role_suffix(text: str) -> tuple[str, str] | None:
    for suffix in ROLE_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)].strip(SPACES), suffix
    return None


def split_official(text: str) -> tuple[str, str | None]:
    """竹村総合通信基盤局長 → (竹村, 総合通信基盤局長): the name is where a title word begins."""
    katakana = re.match(r"^[ァ-ヴー]+", text)
    if katakana and katakana.end() < len(text):
        return text[: katakana.end()], text[katakana.end() :]
    for cut in (2, 1, 3):
        if len(text) > cut + 1 and text[cut:].startswith(TITLE_STARTS):
            return text[:cut], text[cut:]
    if len(text) > 3 and text.endswith(TITLE_ENDINGS):
        return text[:2], text[2:]
    return text, None


def category_of(text: str) -> str | None:
    """The attendee category a sub-heading names, if any."""
    normalized = compact(text)
    for keyword, category in CATEGORY_KEYWORDS:
        if normalized.startswith(keyword) or normalized.endswith(keyword):
            return category
    if MINISTRY_RE.match(normalized):
        return "ministry"
    return None


# An attendee as printed: name, role or title, organization.
Printed = tuple[str, str | None, str | None]


def parse_attendee(
    text: str, *, category: str | None, organization: str | None, group: str, line: int
) -> Attendee | None:
    """One printed attendee: `相田座長`, `株式会社NTTドコモ 小林 宏`, `相田 仁（東京大学）`, an organization."""
    entry = HEADCOUNT_RE.sub("", text).strip(SPACES + "・、,")
    entry = re.sub(r"^[・\-－]\s*", "", entry)
    if not entry or len(entry) > 120:
        return None
    name, role, org = _read_entry(entry, category=category, organization=organization)
    return Attendee(name=name, role=role, organization=org, category=category, group=group, line=line)


def _read_entry(entry: str, *, category: str | None, organization: str | None) -> Printed:
    parenthesised = re.match(r"^(.+?)[(（](.+)[)）]$", entry)
    if parenthesised and category != "observer" and not is_org_like(parenthesised.group(1)):
        return _with_note(parenthesised.group(1), parenthesised.group(2), organization=organization)
    tokens = entry.split()
    if len(tokens) >= 2:
        return _from_tokens(tokens, category=category, organization=organization)
    return _from_one_token(entry, category=category, organization=organization)


def _with_note(name: str, note: str, *, organization: str | None) -> Printed:
    """相田 仁（東京大学）, 森川 博之（座長代理）: the note is an organization or a role."""
    name, note = name.strip(SPACES), note.strip(SPACES)
    if is_org_like(note) and not is_title_like(note):
        return name, None, note
    return name, note, organization


def _from_tokens(tokens: list[str], *, category: str | None, organization: str | None) -> Printed:
    """株式会社NTTドコモ 小林 宏 部長, 山田 太郎 委員, 環境部長 山田: an organization or a title around the name."""
    if is_org_like(tokens[0]) and category != "member":
        rest = tokens[1:]
        if len(rest) > 1 and is_title_like(rest[-1]):
            return " ".join(rest[:-1]), rest[-1], tokens[0]
        return " ".join(rest), None, tokens[0]
    if is_title_like(tokens[-1]) and len(tokens[-1]) > 1:
        return " ".join(tokens[:-1]), tokens[-1], organization
    if is_title_like(tokens[0]) and len(tokens[0]) > 1:  # 環境部長 山田 (title first)
        return " ".join(tokens[1:]), tokens[0], organization
    return " ".join(tokens), None, organization


def _from_one_token(entry: str, *, category: str | None, organization: str | None) -> Printed:
    """相田座長, 竹村総合通信基盤局長, or an organization attending as such."""
    if category == "observer" or (is_org_like(entry) and category != "ministry" and not split_role_suffix(entry)):
        return entry, None, entry
    suffix = split_role_suffix(entry)
    if suffix:
        return suffix[0], suffix[1], organization
    if category in ("ministry", "secretariat", "other"):
        name, title = split_official(entry)
        return name, title, organization
    return entry, None, organization


# --- Speakers -------------------------------------------------------------------------------


@dataclass
class SpeakerMatch:
    attendee: Attendee | None = None
    organization: str | None = None  # the printed organization the label names
    family_name: str | None = None  # the person the label names
    # Attendees the label fits equally well (two 森川構成員): none of them is taken.
    candidates: list[Attendee] = field(default_factory=list)


def _named(found: list[Attendee]) -> SpeakerMatch | None:
    """The match for the attendees a label fits: one, several (ambiguous), or None for nobody."""
    if len(found) == 1:
        return SpeakerMatch(found[0], found[0].organization, found[0].family_name)
    if not found:
        return None
    organizations = {a.organization for a in found}
    return SpeakerMatch(None, organizations.pop() if len(organizations) == 1 else None, candidates=found)


def organization_core(name: str) -> str:
    core = compact(name)
    for form in LEGAL_FORMS:
        core = core.replace(form, "")
    return core


def organizations_match(short: str, full: str) -> bool:
    a, b = organization_core(short), organization_core(full)
    if not a or not b:
        return False
    return a == b or (len(a) >= 2 and a in b) or (len(b) >= 2 and b in a)


def _names_person(person_part: str, attendee: Attendee) -> bool:
    """小林 names 小林 宏; 山口課長 names 山口 (電気通信技術システム課長)."""
    family = compact(attendee.family_name)
    if person_part == family:
        return True
    rest = person_part[len(family) :] if person_part.startswith(family) else ""
    return bool(rest and attendee.role and compact(attendee.role).endswith(rest) and rest[-1] in "長官員")


def match_speaker(label: str, attendees: list[Attendee], aliases: dict[str, str] | None = None) -> SpeakerMatch:
    """Who a printed speaker label names: 藤井構成員, ＮＴＴドコモ（小林）, 山口電気通信技術システム課長.

    `aliases` maps other names of an organization (IIJ) to the name the attendance prints.
    """
    key = compact(label)
    people = [a for a in attendees if not a.is_organization]
    exact = [a for a in people if key in (compact(a.family_name + (a.role or "")), compact(a.name + (a.role or "")))]
    if match := _named(exact):
        return match
    org_person = re.match(r"^(.+?)[(](.+?)[)]$", key)
    if org_person:
        org_part, person_part = org_person.groups()
        org_part = (aliases or {}).get(organization_core(org_part), org_part)
        in_organization = [
            a
            for a in people
            if _names_person(person_part, a) and a.organization and organizations_match(org_part, a.organization)
        ]
        if match := _named(in_organization):
            return match
        # 事務局（山口課長）: the secretariat or officials, named with their title.
        if compact(org_part).startswith("事務局"):
            officials = [
                a for a in people if a.category in ("secretariat", "ministry") and _names_person(person_part, a)
            ]
            if match := _named(officials):
                return match
        organization = next(
            (a.organization for a in attendees if a.organization and organizations_match(org_part, a.organization)),
            org_part,
        )
        return SpeakerMatch(None, organization, person_part)
    # 西浦室長 for 西浦 安全・信頼性対策室長; 相田 for 相田座長.
    candidates = [
        a
        for a in people
        if key.startswith(compact(a.family_name))
        and (
            key == compact(a.family_name)
            or (a.role and compact(a.role).endswith(key[len(compact(a.family_name)) :]) and key[-1] in "長官員")
        )
    ]
    if match := _named(candidates):
        return match
    # ○環境課長: the title alone, when one attendee holds it.
    if match := _named([a for a in people if a.role and compact(a.role) == key]):
        return match
    suffix = split_role_suffix(label)
    return SpeakerMatch(None, None, suffix[0] if suffix else None)


def looks_like_speaker(label: str, attendees: list[Attendee]) -> bool:
    if any(label.endswith(word) for word in NON_SPEAKER_BRACKETS):
        return False
    match = match_speaker(label, attendees)
    if match.attendee is not None or match.candidates:
        return True
    normalized = nfkc(label)
    return bool(re.match(r"^.+[(].+[)]$", normalized) or normalized.startswith("事務局") or is_title_like(normalized))


def speaker_warnings(result: ParsedMinutes, aliases: dict[str, str] | None = None) -> list[ParseWarning]:
    """One warning per speaker label that names nobody in the attendance, or several people in it."""
    if not result.attendees:
        return []
    warnings: list[ParseWarning] = []
    seen: set[str] = set()
    for item in result.agenda_items:
        for statement in item.statements:
            label = statement.speaker
            if label in seen:
                continue
            seen.add(label)
            match = match_speaker(label, result.attendees, aliases or result.organization_aliases)
            if match.candidates:
                names = "、".join(described(a) for a in match.candidates)
                message = f"発言者「{label}」は出席者一覧の複数の人（{names}）に当てはまるため、特定できません"
            elif match.attendee is None and not compact(label).startswith("事務局"):
                message = f"発言者「{label}」が出席者一覧にありません"
            else:
                continue
            warnings.append(ParseWarning(statement.line, message, speaker=label))
    return warnings


def described(attendee: Attendee) -> str:
    """森川 博之（座長代理）, 小林 宏（株式会社NTTドコモ）: a name and what tells it apart."""
    note = attendee.role or attendee.organization
    return f"{attendee.name}（{note}）" if note else attendee.name
