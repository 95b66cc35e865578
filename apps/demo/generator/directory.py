"""Organizations, bodies in trees of three, and the people who sit on each body."""

import datetime as dt

from apps.core.text import normalize
from apps.demo.generator.plan import BATCH, BodyPlan, Generation
from apps.demo.generator.reference import (
    FAMILY_NAMES,
    GIVEN_NAMES,
    MINISTRY_TITLES,
    ORGANIZATIONS,
    STUDY_GROUP_SUFFIXES,
    TOPICS,
)
from apps.directory.models import Body, Membership, Organization, Person


def organizations_ensure() -> dict[str, Organization]:
    """The reference organizations, by name, created when missing (runs add to what is there)."""
    by_name: dict[str, Organization] = {}
    for name, short_name, kind, parent in ORGANIZATIONS:
        by_name[name], _ = Organization.objects.get_or_create(
            name_normalized=normalize(name),
            defaults={"name": name, "short_name": short_name, "kind": kind, "parent": by_name.get(parent or "")},
        )
    return by_name


def _unique_body_names(count: int) -> list[str]:
    taken = set(Body.objects.values_list("name", flat=True))
    names = []
    for index in range(count):
        base = f"{TOPICS[index % len(TOPICS)]}{STUDY_GROUP_SUFFIXES[(index // len(TOPICS)) % 3]}"
        name, suffix = base, 1
        while name in taken:
            suffix += 1
            name = f"{base}（第{suffix}期）"
        taken.add(name)
        names.append(name)
    return names


def bodies_create(*, generation: Generation, count: int, organizations: dict[str, Organization]) -> list[BodyPlan]:
    """Trees of three: study group, its 作業班, and the 作業班's task group."""
    ministry = organizations["総務省"]
    trees = (count + 2) // 3
    roots = [
        Body(
            name=name,
            kind=Body.Kind.STUDY_GROUP,
            host=ministry,
            established_on=dt.date(2019, 4, 1) + dt.timedelta(days=30 * index),
            mandate=generation.rng.choice(generation.vocabulary.endings),
        )
        for index, name in enumerate(_unique_body_names(trees))
    ]
    Body.objects.bulk_create(roots)
    plans = [BodyPlan(body=root, root=root, task_group=None) for root in roots]
    with_party = roots[: (count - trees + 1) // 2]
    parties = [
        Body(name=f"{root.name} 作業班", kind=Body.Kind.WORKING_PARTY, parent=root, host=ministry)
        for root in with_party
    ]
    Body.objects.bulk_create(parties)
    with_group = with_party[: count - trees - len(parties)]
    groups = [
        Body(name=f"{root.name} タスクグループ", kind=Body.Kind.TASK_GROUP, parent=party, host=ministry)
        for root, party in zip(with_group, parties, strict=False)
    ]
    Body.objects.bulk_create(groups)
    for plan, group in zip(plans, groups, strict=False):
        plan.task_group = group
    plans += [BodyPlan(body=party, root=root, task_group=None) for root, party in zip(with_party, parties, strict=True)]
    plans += [BodyPlan(body=group, root=root, task_group=None) for root, group in zip(with_group, groups, strict=True)]
    return plans


def _person(generation: Generation, organization: Organization | None = None, title: str = "") -> Person:
    return Person(
        family_name=generation.rng.choice(FAMILY_NAMES),
        given_name=generation.rng.choice(GIVEN_NAMES),
        organization=organization,
        title=title,
    )


def speakers_create(*, generation: Generation, plans: list[BodyPlan], organizations: dict[str, Organization]) -> int:
    """Per body: chair, deputy chair, members, operator representatives and ministry officials."""
    rng = generation.rng
    operators = [org for org in organizations.values() if org.kind in {"operator", "mvno"}]
    bureau = organizations["総合通信基盤局"]
    universities = [org for org in organizations.values() if org.kind == "academia"]
    people: list[Person] = []
    memberships: list[Membership] = []
    for plan in plans:
        roles = [("chair", "座長", "comment"), ("deputy_chair", "座長代理", "comment")]
        roles += [("member", "構成員", "question")] * rng.randint(6, 10)
        for role, suffix, kind in roles:
            person = _person(generation, rng.choice(universities))
            people.append(person)
            memberships.append(Membership(person=person, body=plan.body, role=role))
            plan.speakers.append((person, f"{person.family_name}{suffix}", None, "member", kind))
        for operator in rng.sample(operators, k=rng.randint(3, len(operators))):
            person = _person(generation, operator)
            people.append(person)
            memberships.append(
                Membership(person=person, body=plan.body, role="operator_representative", on_behalf_of=operator)
            )
            label = f"{operator.short_name}（{person.family_name}）"
            plan.speakers.append((person, label, operator, "operator", "answer"))
        for title in rng.sample(MINISTRY_TITLES, k=3):
            person = _person(generation, bureau, title)
            people.append(person)
            memberships.append(Membership(person=person, body=plan.body, role="secretariat", on_behalf_of=bureau))
            plan.speakers.append((person, f"{person.family_name}{title}", bureau, "ministry", "explanation"))
    Person.objects.bulk_create(people, batch_size=BATCH)
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    return len(people)
