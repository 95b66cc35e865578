"""Each role's home and main pages in a real browser (Chromium through Playwright), at desktop
and phone widths, with an accessibility check by axe-core (shipped inside axe-playwright-python,
run offline): no serious or critical violation. Screenshots go to var/screenshots/.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.deliberation.models import Issue
from apps.demo.management.commands.load_demo import BODY_NAME, load_demo
from apps.meetings.models import Meeting
from apps.minutes import services

from .test_browser import CHROMIUM_ARGS, SCREENSHOTS, _log_in

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SERIOUS = {"serious", "critical"}


def _axe_problems(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page).response
    assert results["passes"], "axe-core checked nothing"  # it ran in the page, offline
    violations = results["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in SERIOUS
    ]


def _visit(page, url: str, name: str, problems: dict) -> None:
    page.goto(url)
    page.wait_for_load_state()
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    found = _axe_problems(page)
    if found:
        problems[name] = found


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_each_role_walks_its_home_and_main_pages(live_server, monkeypatch):
    from playwright.sync_api import expect, sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop shares the test thread
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    load_demo()
    meeting = Meeting.objects.get(body__name=BODY_NAME, number=6)
    body = meeting.body
    secretariat_user = body.memberships.get(role="secretariat").person.user
    services.minutes_send_for_review(
        minutes=services.minutes_for_meeting(meeting=meeting),
        due_on=timezone.localdate() + dt.timedelta(days=5),
        by=secretariat_user,
    )
    issue = Issue.objects.filter(body=body).first()
    url = live_server.url
    pages = {
        "home": reverse("portal:home"),
        "body": reverse("portal:body", args=[body.pk]),
        "matrix": reverse("register:matrix", args=[body.pk]),
        "register": reverse("register:register", args=[body.pk]),
        "issue": reverse("register:issue", args=[issue.pk]),
        "search": reverse("register:search") + "?q=" + "ローミング",
        "meeting": reverse("portal:meeting", args=[meeting.pk]),
        "notifications": reverse("portal:notifications"),
    }
    secretariat_pages = {"manage": reverse("portal:manage", args=[meeting.pk])}
    problems: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        for role in ("secretariat", "chair", "member", "observer", "public"):
            for width_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                if role == "public":
                    page = browser.new_context(locale="ja-JP", viewport=viewport).new_page()
                else:
                    page = _log_in(browser, live_server, role, viewport=viewport)
                names = ["home"] if width_name == "phone" else list(pages)
                if role == "secretariat" and width_name == "desktop":
                    names += ["manage"]
                for name in names:
                    if name in ("meeting", "manage") and role in ("observer", "public"):
                        continue  # a draft: not theirs to see
                    if name == "notifications" and role == "public":
                        continue
                    path = pages.get(name) or secretariat_pages[name]
                    _visit(page, url + path, f"role-{role}-{name}-{width_name}", problems)
                if role == "secretariat" and width_name == "desktop":
                    # The work queue shows the review in progress with its n/m.
                    page.goto(url + pages["home"])
                    expect(page.locator("#queue-reviews")).to_contain_text("0/")
                    # The progress report: the bar follows the job, then the link, then the button again.
                    page.goto(url + pages["body"])
                    page.click(".pdf-request")
                    expect(page.locator(".pdf-download")).to_be_visible(timeout=120_000)
                    expect(page.locator(".pdf-request")).to_be_enabled()
                    page.screenshot(path=str(SCREENSHOTS / "role-secretariat-report-ready.png"), full_page=False)
                if role == "member" and width_name == "phone":
                    # The matrix scrolls sideways on a phone instead of squeezing its columns.
                    page.goto(url + pages["matrix"])
                    region = page.locator(".matrix-scroll")
                    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
                    page.screenshot(path=str(SCREENSHOTS / "role-member-matrix-phone.png"), full_page=False)
                page.context.close()
        browser.close()
    assert not problems, problems
