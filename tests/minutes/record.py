"""A small meeting record of the study group, shaped like the reference minutes."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from apps.meetings.models import AgendaItem, Attendance, Decision, Material, Meeting, Statement
from apps.minutes.models import Minutes

TOKYO = dt.timezone(dt.timedelta(hours=9))


@dataclass
class Record:
    meeting: Meeting
    minutes: Minutes
    item: AgendaItem
    member_statement: Statement  # 藤井構成員
    operator_statement: Statement  # ＮＴＴドコモ（小林）
    chair_statement: Statement  # 相田座長
    member_second: Statement  # 藤井構成員 again
    anonymous_statement: Statement  # no speaker linked
    attendance: Attendance
    material: Material
    decision: Decision


def person_of(user: User):
    return user.person


def build_record(personas, *, number: int = 6, body=None) -> Record:
    body = body or personas.study_group
    start = dt.datetime(2022, 12, 20, 15, 0, tzinfo=TOKYO) + dt.timedelta(days=7 * (number - 6))
    meeting = Meeting.objects.create(
        body=body,
        number=number,
        title=f"{body.name}（第{number}回）",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1, minutes=57),
        venue="Web開催",
        mode=Meeting.Mode.ONLINE,
    )
    minutes = Minutes.objects.create(meeting=meeting)
    attendance = Attendance.objects.create(
        meeting=meeting,
        category=Attendance.Category.MEMBER,
        person=personas.chair.person,
        role_label="座長",
    )
    material = Material.objects.create(
        meeting=meeting, label=f"資料{number}-2", sort_key="2", title="第１次報告書（案）"
    )
    item = AgendaItem.objects.create(meeting=meeting, order=2, number_label="（２）", title="第１次報告書のとりまとめ")
    item.materials.add(material)
    statements = [
        Statement.objects.create(
            agenda_item=item,
            order=order,
            speaker=speaker,
            speaker_label=label,
            text=text,
        )
        for order, (speaker, label, text) in enumerate(
            [
                (personas.member.person, "藤井構成員", "フルローミングの際にIoT端末を優先すべきではないか。"),
                (personas.operator.person, "ＮＴＴドコモ（小林）", "IoT端末の優先については今後検討したい。"),
                (personas.chair.person, "相田座長", "それでは本件は作業班で検討することとしたい。"),
                (personas.member.person, "藤井構成員", "緊急通報のみのローミングも検討すべき。"),
                (None, "事務局", "資料６－２について説明した。"),
            ],
            start=1,
        )
    ]
    decision = Decision.objects.create(agenda_item=item, text="第１次報告書（案）を了承した。")
    return Record(
        meeting=meeting,
        minutes=minutes,
        item=item,
        member_statement=statements[0],
        operator_statement=statements[1],
        chair_statement=statements[2],
        member_second=statements[3],
        anonymous_statement=statements[4],
        attendance=attendance,
        material=material,
        decision=decision,
    )
