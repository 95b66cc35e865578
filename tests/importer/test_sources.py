"""Files in every encoding and format secretariats hold: detected, never assumed."""

import datetime as dt

import pytest

from apps.importer.parser import MinutesError, parse_minutes
from apps.importer.sources import decode_text, read_minutes_text

SAMPLE = """第3回 テスト検討会 議事要旨

１ 日時
  令和5年3月1日（水）10時00分～12時00分
２ 場所
  総務省第１会議室
３ 出席者
  相田座長、森川座長代理、藤井構成員
４ 議事
（１）報告書案について
  事務局より、資料３－１に基づき説明が行われた。
【藤井構成員】
 報告書案の記述について、携帯電話事業者の意見を十分に反映していただきたいと思います。
【相田座長】
 御意見を踏まえて修正することといたします。
"""


def _check(parsed) -> None:
    assert parsed.title == "第3回 テスト検討会"
    assert parsed.date == dt.date(2023, 3, 1)
    assert parsed.venue == "総務省第１会議室"
    assert [s.speaker for s in parsed.agenda_items[0].statements] == ["藤井構成員", "相田座長"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "shift_jis", "euc_jp"])
def test_text_files_are_decoded_whatever_their_encoding(tmp_path, encoding):
    path = tmp_path / "minutes.txt"
    # Shift_JIS and EUC-JP proper have the wave dash where CP932 has the full-width tilde.
    sample = SAMPLE.replace("～", "〜").replace("－", "−") if encoding in ("shift_jis", "euc_jp") else SAMPLE
    path.write_bytes(sample.encode(encoding))
    text = read_minutes_text(path)
    assert not text.startswith("\ufeff") or encoding == "utf-8-sig"
    _check(parse_minutes(text))


def test_crlf_line_endings(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes(SAMPLE.replace("\n", "\r\n").encode("cp932"))
    _check(parse_minutes(read_minutes_text(path)))


def test_word_files_are_read_with_their_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("第3回 テスト検討会 議事要旨")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "日時", "令和5年3月1日（水）10:00～12:00"
    table.cell(1, 0).text, table.cell(1, 1).text = "場所", "総務省第１会議室"
    for line in SAMPLE.split("７ 出席者")[0].splitlines()[6:]:
        document.add_paragraph(line)
    path = tmp_path / "minutes.docx"
    document.save(path)
    parsed = parse_minutes(read_minutes_text(path))
    _check(parsed)
    assert parsed.agenda_items[0].statements[0].text.startswith("報告書案の記述について")


def test_pdf_files_are_read(tmp_path):
    from weasyprint import HTML

    paragraphs = "".join(f"<p>{line or '&nbsp;'}</p>" for line in SAMPLE.splitlines())
    html = f"<html><body style='font-family: IPAexGothic, sans-serif'>{paragraphs}</body></html>"
    path = tmp_path / "minutes.pdf"
    path.write_bytes(HTML(string=html).write_pdf())
    _check(parse_minutes(read_minutes_text(path)))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "line 1: empty.txt is empty"),
        ("blank.txt", b"  \n\n \n", "line 1: blank.txt is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "line 3: binary.txt is a binary file"),
        ("latin.txt", "日時\n".encode() + bytes(range(0x80, 0x100)) * 3, "line 2: latin.txt cannot be decoded"),
        ("broken.docx", b"PK\x03\x04 not a zip", "line 1: broken.docx is not a readable .docx file"),
        ("broken.pdf", b"%PDF-1.4 garbage", "line 1: broken.pdf"),
    ],
)
def test_bad_files_raise_one_error_saying_what_and_where(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(MinutesError) as caught:
        read_minutes_text(path)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_a_missing_file_is_reported():
    with pytest.raises(MinutesError, match="cannot read"):
        read_minutes_text("no-such-minutes.txt")


def test_undecodable_bytes_are_located():
    data = SAMPLE.encode("utf-8")[:40] + b"\xff\xfe\xfd\x00"
    with pytest.raises(MinutesError, match=r"^line \d+: input is a binary file"):
        decode_text(data)


def test_word_automatic_numbering_is_written_out(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("第3回 テスト検討会 議事要旨")
    document.add_paragraph("日時", style="List Number")
    document.add_paragraph("令和5年3月1日（水）10:00～12:00")
    document.add_paragraph("議事", style="List Number")
    document.add_paragraph("開会", style="List Number 2")
    document.add_paragraph("報告書案について", style="List Number 2")
    document.add_paragraph("事務局より説明が行われた。")
    document.add_paragraph("閉会", style="List Number 2")
    path = tmp_path / "numbered.docx"
    document.save(path)
    text = read_minutes_text(path)
    assert "1. 日時" in text.splitlines()
    assert "(2)報告書案について" in text.splitlines()
    parsed = parse_minutes(text)
    assert parsed.date == dt.date(2023, 3, 1)
    assert [(i.number, i.title) for i in parsed.agenda_items] == [
        ("(1)", "開会"),
        ("(2)", "報告書案について"),
        ("(3)", "閉会"),
    ]


def test_a_word_table_stands_where_it_is_printed_and_leaves_no_cell_separators(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("第3回 狛江市審議会 会議録")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "日時", "令和4年4月27日(水曜日) 午後7時~8時50分"
    table.cell(1, 0).text, table.cell(1, 1).text = "場所", "防災センター402会議室"
    document.add_paragraph("議事")
    document.add_paragraph("○奥村会長 開会します。")
    path = tmp_path / "minutes.docx"
    document.save(path)
    text = read_minutes_text(path)
    assert text.splitlines()[1].startswith("| 日時 |")
    parsed = parse_minutes(text)
    assert (parsed.venue, parsed.start_time.hour) == ("防災センター402会議室", 19)
    assert not parsed.unplaced
