"""The Content-Security-Policy holds in a real browser: no page of the portal, the admin or the
API docs breaks it (Chromium reports each violation as a securitypolicyviolation event)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from apps.demo.management.commands.load_demo import BODY_NAME, load_demo
from apps.directory.models import Person
from apps.meetings.models import Meeting, Statement
from tests.portal.test_browser import CHROMIUM_ARGS, _log_in

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "csp"

# Every violation the page reports, kept on the window for the test to read.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def _pages() -> dict[str, str]:
    meeting = Meeting.objects.get(body__name=BODY_NAME, number=6)
    statement = Statement.objects.filter(agenda_item__meeting=meeting).order_by("agenda_item__order", "order")[0]
    person = Person.objects.order_by("pk")[0]
    return {
        "portal-home": reverse("portal:home"),
        "portal-body": reverse("portal:body", args=[meeting.body_id]),
        "portal-meeting": reverse("portal:meeting", args=[meeting.pk]),
        "portal-manage": reverse("portal:manage", args=[meeting.pk]),
        "register": reverse("register:register", args=[meeting.body_id]),
        "register-tagging": reverse("register:tag_statement", args=[statement.pk]),
        "register-search": reverse("register:search") + "?q=IoT",
        "admin-index": reverse("admin:index"),
        "admin-meeting": reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        "admin-agenda-item": reverse("admin:meetings_agendaitem_change", args=[statement.agenda_item_id]),
        "admin-attendance": reverse("admin:meetings_attendance_changelist") + f"?meeting__id__exact={meeting.pk}",
        "admin-people": reverse("admin:directory_person_changelist"),
        "admin-person": reverse("admin:directory_person_change", args=[person.pk]),
        "admin-token-add": reverse("admin:api_dashboardtoken_add"),
        "api-docs": reverse("swagger-ui"),
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_page_breaks_the_content_security_policy(live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    load_demo()
    pages = _pages()
    violations: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        for width, device in ((1280, "desktop"), (390, "phone")):
            page = _log_in(browser, live_server, "secretariat", viewport={"width": width, "height": 900})
            page.add_init_script(RECORD_VIOLATIONS)
            console: list[str] = []
            page.on("console", lambda message, seen=console: seen.append(message.text))
            for name, path in pages.items():
                console.clear()
                response = page.goto(live_server.url + path)
                assert response is not None and response.status == 200, (name, response and response.status)
                assert "default-src 'self'" in (response.headers.get("content-security-policy") or ""), name
                page.wait_for_load_state("load")
                page.wait_for_timeout(500)  # let late violations arrive
                found = page.evaluate("window.__violations") + [
                    text for text in console if "Content Security Policy" in text
                ]
                if found:
                    violations[f"{name} ({device})"] = found
                page.screenshot(path=str(SCREENSHOTS / f"{name}-{device}.png"), full_page=False)
            if device == "desktop":
                # Swagger UI drew the operations from the schema: its script ran under the policy.
                page.goto(live_server.url + pages["api-docs"])
                page.wait_for_selector(".opblock", timeout=30_000)
        browser.close()
    assert violations == {}
