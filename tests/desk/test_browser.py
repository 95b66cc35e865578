"""The desk in a real browser (Chromium through Playwright): a meeting entered from the keyboard.

The test counts the user's actions as the issue counts the admin's: clicks (a file chooser is
one) and key submissions (Enter, Ctrl+Enter). Typing into a field and moving between fields
with Tab are not actions in that count; the test prints both. Screenshots go to var/screenshots/.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from apps.demo.management.commands.load_demo import BODY_NAME, DEMO_PASSWORD, load_demo
from apps.directory.models import Body, Membership
from apps.meetings.models import Meeting

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ADMIN_CLICKS = 28  # entering this meeting in the admin, as the issue measured it


class Actions:
    """The user's actions, counted as they happen."""

    def __init__(self, page):
        self.page, self.clicks, self.submissions, self.tabs = page, 0, 0, 0

    def click(self, selector: str) -> None:
        self.clicks += 1
        self.page.click(selector)

    def choose_files(self, selector: str, paths: list[Path]) -> None:
        self.clicks += 1  # the file chooser
        self.page.set_input_files(selector, [str(p) for p in paths])

    def submit(self, selector: str, keys: str = "Enter") -> None:
        self.submissions += 1
        self.page.press(selector, keys)
        _settled(self.page)

    def tab(self, times: int = 1) -> None:
        for _ in range(times):
            self.tabs += 1
            self.page.keyboard.press("Tab")

    @property
    def total(self) -> int:
        return self.clicks + self.submissions


def _browser(playwright):
    return playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)


def _log_in(browser, live_server, **context):
    page = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900}, **context).new_page()
    page.goto(live_server.url + reverse("portal:login"))
    page.fill("input[name=username]", "secretariat")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main form button")
    page.wait_for_load_state()
    return page


def _settled(page) -> None:
    """Wait until htmx has swapped and settled what the last action brought, as a person would
    before typing on: a field filled before its form is swapped in is typed into the old one."""
    from playwright.sync_api import expect

    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added")).to_have_count(0)


def _shots(page, name: str) -> None:
    """The page at a desk's width and at a phone's, from its top."""
    page.evaluate("window.scrollTo(0, 0)")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SCREENSHOTS / f"desk-{name}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / f"desk-{name}-390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 390, f"{name}: the page is {width}px wide on a 390px phone"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_seventh_meeting_entered_from_the_keyboard(live_server, monkeypatch, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    load_demo()
    body = Body.objects.get(name=BODY_NAME)
    members = Membership.objects.filter(body=body, end__isnull=True).values("person").distinct().count()
    files = []
    for name in ("資料7-1 第1次報告書への意見.pdf", "資料7-2 今後の進め方.pdf"):
        files.append(tmp_path / name)
        files[-1].write_bytes(b"%PDF-1.4\n" + name.encode() + b"\n%%EOF\n")

    with sync_playwright() as playwright:
        browser = _browser(playwright)
        page = _log_in(browser, live_server)
        act = Actions(page)
        page.goto(live_server.url + reverse("desk:new") + f"?body={body.pk}")
        expect(page.locator("input[name=number]")).to_have_value("7")  # proposed, as is the title
        _shots(page, "1-new-meeting")

        # The header; the body's members are added with it (the box is ticked).
        page.fill("input[name=starts_at]", "2023-01-24T10:00")
        page.fill("input[name=ends_at]", "2023-01-24T12:00")
        page.fill("input[name=venue]", "Web開催")
        act.submit("input[name=venue]")
        expect(page.locator("#attendance tbody tr")).to_have_count(members)
        meeting = Meeting.objects.get(body=body, number=7)

        # Agenda item 1 with its material; typing goes on in its statement form.
        page.fill("#new-item-title", "第１次報告書に対する意見について")
        act.choose_files("#new-item-files", files[:1])
        act.submit("#new-item-title")
        first = page.locator("section.item").nth(0)
        expect(first).to_contain_text("資料7-1")
        # The chair is proposed to open the item; the text has the focus.
        expect(first.locator("input[name=speaker_label]")).to_have_value("相田座長")
        expect(first.locator("textarea[name=text]")).to_be_focused()
        page.keyboard.type("事務局から資料7-1について説明をお願いします。")
        act.submit("textarea:focus", "Control+Enter")
        expect(first.locator(".statement-row")).to_have_count(1)
        # After the chair the floor is open: the speaker field has the focus.
        expect(first.locator("input[name=speaker_label]")).to_be_focused()
        page.keyboard.type("藤井構成員")
        act.tab(2)
        page.keyboard.type("IoT端末の優先について、検討の見通しを伺いたい。")
        act.submit("textarea:focus", "Control+Enter")
        expect(first.locator(".statement-row")).to_have_count(2)
        # The answerer is typed over the proposal (type-ahead from the attendance).
        item_id = first.get_attribute("id").split("-")[1]
        page.fill(f"#s{item_id}-speaker_label", "NTTドコモ（小林）")
        page.fill(f"#s{item_id}-text", "作業班で検討を進めたい。")
        act.submit(f"#s{item_id}-text", "Control+Enter")
        expect(first.locator(".statement-row")).to_have_count(3)
        page.fill(f"#d{item_id}-text", "第１次報告書に対する意見への対応方針を了承した。")
        act.submit(f"#d{item_id}-text")
        expect(page.locator(f"#item-{item_id} .decision")).to_contain_text("了承した")

        # Agenda item 2 with its material.
        page.fill("#new-item-title", "今後の進め方について")
        act.choose_files("#new-item-files", files[1:])
        act.submit("#new-item-title")
        expect(page.locator("section.item")).to_have_count(2)
        expect(page.locator("section.item").nth(1)).to_contain_text("資料7-2")
        _shots(page, "2-editor-after-entry")

        # Not part of the entry: the keyboard reorders (Alt+↑ on the third statement, Alt+↓ back).
        rows = first.locator(".statement-row")
        rows.nth(2).focus()
        page.keyboard.press("Alt+ArrowUp")
        expect(rows.nth(1)).to_contain_text("作業班で検討を進めたい。")
        expect(rows.nth(1)).to_be_focused()
        _settled(page)
        page.keyboard.press("Alt+ArrowDown")
        expect(rows.nth(2)).to_contain_text("作業班で検討を進めたい。")
        browser.close()

    print(
        f"\nEntering the 7th meeting: {act.total} actions ({act.clicks} clicks, {act.submissions} key submissions; "
        f"{act.tabs} Tab presses not counted), against {ADMIN_CLICKS} clicks in the admin"
    )
    assert act.total <= ADMIN_CLICKS // 3
    meeting.refresh_from_db()
    assert meeting.attendances.count() == members
    items = list(meeting.agenda_items.order_by("order"))
    assert [str(item.materials.get()) for item in items] == ["資料7-1 第1次報告書への意見", "資料7-2 今後の進め方"]
    assert all(len(m.sha256) == 64 and m.size for m in meeting.materials.all())
    statements = list(items[0].statements.order_by("order").select_related("speaker"))
    assert [s.speaker_label for s in statements] == ["相田座長", "藤井構成員", "NTTドコモ（小林）"]
    assert [s.kind for s in statements] == ["remark", "question", "answer"]
    assert statements[1].speaker.family_name == "藤井" and statements[2].speaker.family_name == "小林"
    assert items[0].decisions.count() == 1


REFERENCE = Path(__file__).resolve().parents[2] / "apps" / "demo" / "data" / "roaming-6th-minutes.txt"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_reference_minutes_imported_through_the_workbench(live_server, monkeypatch):
    from django.contrib.auth.models import User
    from playwright.sync_api import expect, sync_playwright

    from apps.access.roles import make_secretariat
    from apps.directory.models import Person
    from apps.meetings.models import Statement

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    body = Body.objects.create(name=BODY_NAME)
    user = User.objects.create_user("secretariat", "s@example.jp", DEMO_PASSWORD)
    make_secretariat(user)
    Membership.objects.create(
        person=Person.objects.create(family_name="事務局", user=user), body=body, role="secretariat"
    )

    with sync_playwright() as playwright:
        browser = _browser(playwright)
        page = _log_in(browser, live_server)
        page.goto(live_server.url + reverse("desk:import_new"))
        page.select_option("select[name=body]", str(body.pk))
        page.set_input_files("#import-files", str(REFERENCE))
        _shots(page, "3-import-upload")
        page.click("#import-form button[type=submit]")
        expect(page.locator(".speaker-input")).to_have_count(41)  # read in-process, then shown
        expect(page.locator(".lines li")).to_have_count(len(REFERENCE.read_text(encoding="utf-8-sig").splitlines()))

        # Fix one speaker: the one the warnings flag as missing from the attendance (line 290).
        expect(page.locator("#warnings")).to_contain_text("楽天モバイル（森山）")
        speaker = page.locator("#agenda-read li:has(a[href='#line-290']) .speaker-input")
        expect(speaker).to_have_value("楽天モバイル（森山）")
        speaker.fill("楽天モバイル（鴻池）")
        speaker.press("Enter")
        expect(page.locator("#agenda-read li:has(a[href='#line-290']) .saved")).to_have_text("Saved.")
        _shots(page, "4-import-workbench")
        page.click("#commit")
        expect(page.locator(".statement-row")).to_have_count(41)  # the meeting opens in the editor
        _shots(page, "5-imported-meeting-editor")

        meeting = Meeting.objects.get(body=body, number=6)
        page.goto(live_server.url + reverse("portal:body", args=[body.pk]))
        page.click(f"a[href='{reverse('portal:meeting', args=[meeting.pk])}']")
        expect(page.locator(".statement")).to_have_count(41)
        browser.close()

    assert Statement.objects.filter(agenda_item__meeting=meeting).count() == 41
    fixed = Statement.objects.select_related("speaker").get(
        agenda_item__meeting=meeting, speaker_label="楽天モバイル（鴻池）"
    )
    assert fixed.speaker.family_name == "鴻池"  # the corrected label names an attendee
    assert Statement.objects.filter(agenda_item__meeting=meeting, speaker_label="楽天モバイル（森山）").count() == 2
