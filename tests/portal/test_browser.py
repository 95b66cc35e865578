"""One full review of the reference minutes in a real browser (Chromium through Playwright).

The secretariat sends the demo meeting for review, the member proposes a correction, the
secretariat accepts it and publishes; the published page shows the corrected text and the
record refuses edits. Screenshots of the key pages go to var/screenshots/.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from apps.demo.management.commands.load_demo import BODY_NAME, DEMO_PASSWORD, load_demo
from apps.meetings.models import Meeting, Statement
from apps.minutes.models import Minutes

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CORRECTION = "（発言者確認による修正）"


def _log_in(browser, live_server, username: str, **context):
    page = browser.new_context(locale="en-US", **context).new_page()
    page.goto(live_server.url + reverse("portal:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main form button")
    page.wait_for_load_state()
    assert "/login/" not in page.url, f"{username} could not log in"
    return page


def _shot(page, name: str, *, full_page: bool = True) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_full_review_from_sending_to_the_published_corrected_record(live_server, monkeypatch):
    from playwright.sync_api import expect, sync_playwright

    # Playwright's event loop shares the test thread; set for this test only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    load_demo()
    meeting = Meeting.objects.get(body__name=BODY_NAME, number=6)
    first_own = Statement.objects.filter(agenda_item__meeting=meeting, speaker__user__username="member").order_by(
        "agenda_item__order", "order"
    )[0]
    corrected = first_own.text.rstrip() + CORRECTION
    meeting_url = live_server.url + reverse("portal:meeting", args=[meeting.pk])

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)

        # 1. The secretariat sends the draft for review.
        secretariat = _log_in(browser, live_server, "secretariat")
        secretariat.goto(meeting_url)
        secretariat.click("text=Manage review")
        due = timezone.localdate() + dt.timedelta(days=7)
        secretariat.fill("input[name=due_on]", due.isoformat())
        secretariat.click("#send-for-review")
        expect(secretariat.locator("#minutes-status")).to_have_text("In review")
        _shot(secretariat, "1-secretariat-sent-for-review")

        # 2. The member, on a phone, finds the request and proposes a correction to one statement.
        member = _log_in(browser, live_server, "member", viewport={"width": 390, "height": 844}, is_mobile=True)
        member.click("text=My reviews")
        member.click(f"text={meeting}")
        assert member.locator(".statement.own").count() == 4
        assert member.locator(".statement:not(.own) form").count() == 0  # the others are read-only
        own = member.locator(f"#statement-{first_own.pk}")
        own.locator("summary").click()
        own.locator("textarea[name=proposed_text]").fill(corrected)
        own.locator("form.suggest button").click()
        own = member.locator(f"#statement-{first_own.pk}")
        expect(own.locator(".diff ins")).to_have_text(CORRECTION)
        member.click("#approve-all")
        expect(member.locator("#review-status")).to_have_text("Changes requested")
        own.scroll_into_view_if_needed()
        _shot(member, "2-member-review-with-correction-phone", full_page=False)

        # 3. The secretariat accepts the correction, records the approvals given by mail, approves and publishes.
        secretariat.reload()
        secretariat.locator(".suggestion.open").get_by_role("button", name="Accept").click()
        expect(secretariat.locator(".messages .success")).to_contain_text("accepted")
        _shot(secretariat, "3-secretariat-accepted-correction")
        while secretariat.locator("text=Record approval").count():
            secretariat.locator("text=Record approval").first.click()
            secretariat.wait_for_load_state()
        secretariat.click("#approve-minutes")
        expect(secretariat.locator("#minutes-status")).to_have_text("Approved")
        secretariat.click("#publish")
        expect(secretariat.locator(".messages .success")).to_contain_text("published")

        # 4. Anyone reads the published record with the corrected text.
        visitor = browser.new_context(locale="en-US").new_page()
        visitor.goto(meeting_url)
        statement = visitor.locator(f"#statement-{first_own.pk}")
        expect(statement).to_contain_text(CORRECTION)
        assert visitor.locator(".banner.draft").count() == 0
        _shot(visitor, "4-published-record")

        # ... and the PDF button follows the job until the file is ready.
        visitor.click(".pdf-request")
        expect(visitor.locator(".pdf-download")).to_be_visible(timeout=90_000)
        _shot(visitor, "5-published-record-pdf-ready", full_page=False)

        # 5. The record refuses edits, in the portal and in the admin.
        secretariat.goto(live_server.url + reverse("portal:edit_statement", args=[first_own.pk]))
        secretariat.fill("textarea[name=text]", "公開後の書き換え")
        secretariat.click("main form button")
        expect(secretariat.locator(".error")).to_contain_text(re.compile("published", re.IGNORECASE))
        _shot(secretariat, "6-edit-of-published-statement-refused")
        secretariat.goto(live_server.url + reverse("admin:meetings_statement_change", args=[first_own.pk]))
        assert secretariat.locator("input[name=_save]").count() == 0
        browser.close()

    first_own.refresh_from_db()
    assert first_own.text == corrected
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.PUBLISHED
