"""Meetings of each body, their attendance and agenda, and the minutes of each meeting."""

import datetime as dt

from apps.demo.generator.plan import BATCH, TOKYO, BodyPlan, Generation
from apps.meetings.models import AgendaItem, Attendance, Meeting
from apps.minutes.models import Minutes


def meetings_create(*, generation: Generation, plans: list[BodyPlan], count: int) -> None:
    """Meetings dealt to the bodies in turn, every three weeks; each plan keeps its own."""
    rng = generation.rng
    rows: list[Meeting] = []
    for index in range(count):
        plan = plans[index % len(plans)]
        number = len(plan.meetings) + 1
        day = dt.date(2020, 4, 1) + dt.timedelta(days=21 * number + 3 * (index % len(plans)))
        starts_at = dt.datetime.combine(day, dt.time(rng.choice((10, 13, 15)), 0), tzinfo=TOKYO)
        meeting = Meeting(
            body=plan.body,
            number=number,
            title=f"{plan.body.name}（第{number}回）",
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=rng.choice((90, 110, 117, 120))),
            venue=rng.choice(("Web開催", "総務省第1特別会議室", "中央合同庁舎2号館 8階 第1特別会議室")),
            mode=rng.choice(("online", "online", "hybrid", "in_person")),
            status="held",
        )
        plan.meetings.append(meeting)
        rows.append(meeting)
    Meeting.objects.bulk_create(rows, batch_size=BATCH)


def attendance_create(*, generation: Generation, plans: list[BodyPlan]) -> int:
    rows = []
    for plan in plans:
        for meeting in plan.meetings:
            for order, (person, label, organization, category, _kind) in enumerate(plan.speakers, start=1):
                rows.append(
                    Attendance(
                        meeting=meeting,
                        order=order,
                        category=category,
                        person=person,
                        organization=organization,
                        role_label=label,
                        presence="present" if generation.rng.random() < 0.92 else "absent",
                    )
                )
    Attendance.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def agenda_items_create(*, generation: Generation, plans: list[BodyPlan]) -> dict[int, list[AgendaItem]]:
    """Per meeting: confirmation of the previous minutes, two to four topics, その他."""
    rng, vocabulary = generation.rng, generation.vocabulary
    by_meeting: dict[int, list[AgendaItem]] = {}
    rows: list[AgendaItem] = []
    explanations = [line for line in vocabulary.proceedings if "説明が行われた" in line]
    topics = [title for title in vocabulary.agenda_titles if title != "前回の議事要旨の確認"]
    for plan in plans:
        for meeting in plan.meetings:
            titles = ["前回の議事要旨の確認"] if meeting.number > 1 else []
            titles += rng.sample(topics, k=rng.randint(2, min(4, len(topics))))
            titles.append("その他")
            items = [
                AgendaItem(
                    meeting=meeting,
                    order=order,
                    number_label=f"({order})",
                    title=title,
                    proceedings=rng.choice(explanations) if title != "その他" else "",
                )
                for order, title in enumerate(titles, start=1)
            ]
            by_meeting[meeting.pk] = items
            rows.extend(items)
    AgendaItem.objects.bulk_create(rows, batch_size=BATCH)
    return by_meeting


def minutes_create(*, plans: list[BodyPlan]) -> int:
    """Minutes of every meeting published, except the latest of each body (still a draft)."""
    rows = []
    for plan in plans:
        for meeting in plan.meetings:
            latest = meeting is plan.meetings[-1]
            rows.append(
                Minutes(
                    meeting=meeting,
                    status="draft" if latest else "published",
                    published_at=None if latest else meeting.starts_at + dt.timedelta(days=28),
                )
            )
    Minutes.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
