"""The 議事要旨 PDF of a meeting, read back: its text, its fonts, its state mark, its safety."""

import datetime as dt

import pytest
from django.utils import timezone

from apps.meetings.models import Statement
from apps.minutes.models import Erratum, Minutes
from apps.reports.models import GeneratedDocument
from apps.reports.services import document_request

from .pdf import fonts_used, missing_in_order, page_parts
from .reference import read_reference

pytestmark = pytest.mark.django_db

MINUTES = GeneratedDocument.Kind.MINUTES_PDF


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def parts(pdf: bytes):
    # The margins of static/reports/minutes.css.
    return page_parts(pdf, top_margin_mm=25, bottom_margin_mm=22)


def body_text(pdf: bytes) -> str:
    return "".join(part.body for part in parts(pdf))


def render(meeting, django_capture_on_commit_callbacks) -> tuple[GeneratedDocument, bytes]:
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=MINUTES, subject=meeting, by=None)
    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.DONE, document.error
    with document.file.open("rb") as handle:
        return document, handle.read()


def publish(meeting) -> Minutes:
    minutes = meeting.minutes
    minutes.status = Minutes.Status.PUBLISHED
    minutes.published_at = timezone.now()
    minutes.save()
    return minutes


def test_it_prints_every_heading_speaker_and_statement_of_the_reference_in_order(
    reference_meeting, django_capture_on_commit_callbacks
):
    reference = read_reference()
    _document, pdf = render(reference_meeting, django_capture_on_commit_callbacks)
    expected = [
        reference.title,
        "議事要旨",
        "１　日時",
        "令和4年12月20日（火）15時00分～16時57分",
        "２　場所",
        "Web開催",
        "３　出席者",
        "（１）構成員",
        "、".join(reference.members),
        "（２）関係事業者",
        *reference.operators,
        "（３）オブザーバー",
        *[f"・{group}{'、'.join(names)}" for group, names in reference.observers.items()],
        "（４）総務省",
        "、".join(reference.ministry),
        "４　議事",
    ]
    for item in reference.agenda:
        expected.append(item.number + item.title)
        expected.extend(item.proceedings)
        for statement in item.statements:
            expected.append(f"【{statement.speaker}】")
            expected.extend(statement.paragraphs)
    expected.append("以上")
    assert sum(len(item.statements) for item in reference.agenda) == 41
    assert missing_in_order(body_text(pdf), expected) == []


def test_it_embeds_a_subset_of_the_projects_japanese_font_and_nothing_else(
    reference_meeting, django_capture_on_commit_callbacks
):
    _document, pdf = render(reference_meeting, django_capture_on_commit_callbacks)
    fonts = fonts_used(pdf)
    assert fonts
    for font in fonts:
        prefix, _, name = font.base_font.lstrip("/").partition("+")
        assert name == "IPAexMincho", font.base_font
        assert len(prefix) == 6 and prefix.isupper(), f"{font.base_font} is not a subset"
        assert font.embedded, f"{font.base_font} is not embedded"


def test_it_numbers_the_pages(reference_meeting, django_capture_on_commit_callbacks):
    _document, pdf = render(reference_meeting, django_capture_on_commit_callbacks)
    pages = parts(pdf)
    assert len(pages) > 5
    assert [page.footer for page in pages] == [[str(number)] for number in range(1, len(pages) + 1)]


def test_the_draft_mark_is_on_every_page_of_a_draft_and_nowhere_once_published(
    reference_meeting, django_capture_on_commit_callbacks
):
    _draft, draft_pdf = render(reference_meeting, django_capture_on_commit_callbacks)
    assert all(page.header == ["案"] for page in parts(draft_pdf))

    publish(reference_meeting)
    published, published_pdf = render(reference_meeting, django_capture_on_commit_callbacks)
    assert published.pk != _draft.pk
    assert all(page.header == [] for page in parts(published_pdf))


def test_minutes_in_review_and_approved_print_their_state(reference_meeting, django_capture_on_commit_callbacks):
    minutes = reference_meeting.minutes
    minutes.status = Minutes.Status.IN_REVIEW
    minutes.save()
    _document, pdf = render(reference_meeting, django_capture_on_commit_callbacks)
    assert all(sorted(page.header) == ["案", "確認中"] for page in parts(pdf))

    minutes.status = Minutes.Status.APPROVED
    minutes.save()
    _document, pdf = render(reference_meeting, django_capture_on_commit_callbacks)
    assert all(page.header == ["承認済・未公表"] for page in parts(pdf))


def test_published_minutes_print_their_errata(reference_meeting, django_capture_on_commit_callbacks):
    minutes = publish(reference_meeting)
    statement = Statement.objects.filter(agenda_item__meeting=reference_meeting, speaker_label="藤井構成員").first()
    Erratum.objects.create(
        minutes=minutes,
        statement=statement,
        published_on=dt.date(2023, 1, 10),
        location="４（２）【藤井構成員】",
        wrong_text="一般呼以上の取扱い",
        correct_text="一般呼より優先した取扱い",
    )
    _document, pdf = render(reference_meeting, django_capture_on_commit_callbacks)
    assert (
        missing_in_order(
            body_text(pdf),
            [
                "以上",
                "正誤表",
                "令和5年1月10日",
                "４（２）【藤井構成員】",
                "一般呼以上の取扱い",
                "一般呼より優先した取扱い",
            ],
        )
        == []
    )


def test_html_and_css_in_a_statement_print_as_text(personas, django_capture_on_commit_callbacks):
    from .reference import build_reference_meeting

    meeting = build_reference_meeting(personas.study_group)
    hostile = '<b>太字</b><style>body { display: none }</style><img src="file:///etc/hostname">'
    statement = Statement.objects.filter(agenda_item__meeting=meeting).first()
    statement.text = hostile
    statement.save()
    _document, pdf = render(meeting, django_capture_on_commit_callbacks)
    text = body_text(pdf)
    assert missing_in_order(text, [hostile]) == []
    assert "以上" in text  # the style did not hide the document


def test_the_same_meeting_is_rendered_once_and_a_changed_meeting_anew(
    reference_meeting, django_capture_on_commit_callbacks
):
    first, _pdf = render(reference_meeting, django_capture_on_commit_callbacks)
    again, _pdf = render(reference_meeting, django_capture_on_commit_callbacks)
    assert again.pk == first.pk and again.attempts == 1

    statement = Statement.objects.filter(agenda_item__meeting=reference_meeting).first()
    statement.text += "（追記）"
    statement.save()
    changed, pdf = render(reference_meeting, django_capture_on_commit_callbacks)
    assert changed.pk != first.pk and changed.content_hash != first.content_hash
    assert "（追記）" in body_text(pdf)
    assert GeneratedDocument.objects.filter(kind=MINUTES).count() == 2
