"""The register pages: what each visitor sees, search results, and a real browser on the demo."""

import re

import pytest
from django.urls import reverse

from apps.deliberation import services
from apps.deliberation.models import Issue
from apps.demo.management.commands.load_demo import BODY_NAME, DEMO_PASSWORD, load_demo


@pytest.fixture
def issues(personas, record):
    fifth = record.meeting(personas.study_group, 5)
    sixth = record.meeting(personas.study_group, 6)
    public = services.issue_create(body=personas.study_group, title="公開の課題<script>", raised_in=fifth, by=None)
    draft = services.issue_create(body=personas.study_group, title="未公表の課題", raised_in=sixth, by=None)
    said = record.statement(fifth, "料金について<b>慎重に</b>", label="藤井構成員")
    record.statement(sixth, "未公表の料金の発言", label="長谷川構成員")
    services.issue_tag_statement(issue=public, statement=said, by=None)
    record.publish(fifth)  # last: a published record is frozen
    return public, draft


def test_the_register_shows_each_visitor_what_they_may_see(client, personas, issues):
    public, draft = issues
    url = reverse("register:register", args=[personas.study_group.pk])
    page = client.get(url).content.decode()
    assert public.code in page and "未公表の課題" not in page
    assert "公開の課題&lt;script&gt;" in page and "<script>" not in page
    client.force_login(personas.member)
    page = client.get(url).content.decode()
    assert "未公表の課題" in page


def test_an_issue_the_visitor_may_not_see_is_not_found(client, personas, issues):
    public, draft = issues
    client.force_login(personas.observer)
    assert client.get(reverse("register:issue", args=[draft.pk])).status_code == 404
    assert client.get(reverse("register:issue", args=[public.pk])).status_code == 200


def test_search_results_are_escaped_highlighted_and_limited_to_readable_minutes(client, personas, issues):
    response = client.get(reverse("register:search"), {"q": "料金"})
    page = response.content.decode()
    assert "<mark>料金</mark>について&lt;b&gt;慎重に&lt;/b&gt;" in page
    assert "未公表の料金の発言" not in page
    client.force_login(personas.member)
    page = client.get(reverse("register:search"), {"q": "料金"}).content.decode()
    assert "未公表の<mark>料金</mark>の発言" in page


def test_a_search_without_words_lists_the_statements_newest_meeting_first(client, personas, record):
    older, newer = record.meeting(personas.study_group, 5), record.meeting(personas.study_group, 6)
    record.statement(older, "前の会議の発言")
    record.statement(newer, "後の会議の発言")
    for meeting in (older, newer):
        record.publish(meeting)
    response = client.get(reverse("register:search"), {"q": "　"})
    assert response.status_code == 200 and not response.context["form"].errors
    assert 'class="errorlist' not in response.content.decode()
    assert [s.text for s in response.context["page"].statements] == ["後の会議の発言", "前の会議の発言"]


def test_the_matrix_page_has_a_fixed_number_of_queries(client, personas, record, django_assert_max_num_queries):
    meeting = record.meeting(personas.study_group, 6)
    for n in range(6):
        issue = services.issue_create(body=personas.study_group, title=f"課題{n}", raised_in=meeting, by=None)
        for m in range(4):
            organization = record.organization(f"事業者{m}")
            services.position_record(
                issue=issue, meeting=meeting, organization=organization, stance="supports", by=None
            )
    client.force_login(personas.member)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("register:matrix", args=[personas.study_group.pk]))
    assert response.content.decode().count('class="stance-supports"') == 24


@pytest.mark.browser
def test_a_member_follows_the_demo_register_in_a_browser(live_server, transactional_db, monkeypatch):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop shares the test thread
    load_demo()
    body = Issue.objects.filter(body__name=BODY_NAME).first().body
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        page = browser.new_page(locale="ja-JP")  # the register in Japanese, its first language
        page.goto(f"{live_server.url}{reverse('portal:login')}")
        page.fill("input[name=username]", "member")
        page.fill("input[name=password]", DEMO_PASSWORD)
        with page.expect_navigation():
            page.press("input[name=password]", "Enter")

        page.goto(f"{live_server.url}{reverse('register:register', args=[body.pk])}")
        rows = page.locator("#issues tbody tr")
        assert rows.count() == 8
        assert "期限超過" in page.locator("#overdue").inner_text()

        page.click("text=ステークホルダー・マトリクス")
        pricing_row = page.locator("#matrix tr", has_text="非常時のみ利用可能な料金プラン")
        assert pricing_row.locator(".stance-considering").count() == 3
        assert pricing_row.locator(".stance-informational").count() == 2
        assert "440円" in pricing_row.inner_text()

        pricing_row.locator("a").click()
        assert page.locator("#history li.history-statement").count() == 10
        assert "事業者間ローミング作業班" in page.locator("#assignments").inner_text()

        page.goto(f"{live_server.url}{reverse('register:search')}?body={body.pk}")
        page.fill("#search input[name=q]", "料金")
        page.click("#search [type=submit]")
        count = int(re.match(r"\d+", page.locator("#count").inner_text()).group())
        assert count == page.locator("#results li").count() >= 8
        assert page.locator("#results mark").first.inner_text() == "料金"
        browser.close()


def test_the_secretariat_tags_a_statement_from_the_portal_with_suggestions(client, personas, record):
    meeting = record.meeting(personas.study_group, 6)
    pricing = services.issue_create(body=personas.study_group, title="非常時のみの料金プラン", by=None)
    services.issue_create(body=personas.study_group, title="利用者の混乱による輻輳", by=None)
    statement = record.statement(meeting, "非常時だけ使える料金プランがあると導入しやすい")
    url = reverse("register:tag_statement", args=[statement.pk])

    client.force_login(personas.member)
    assert client.get(url).status_code == 403
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404  # cannot even read that meeting's record

    client.force_login(personas.secretariat)
    page = client.get(url).content.decode()
    assert "★ I-001 非常時のみの料金プラン" in page
    assert client.post(url, {"issues": [pricing.pk]}).status_code == 302
    tag = pricing.taggings.get()
    assert (tag.statement, tag.tagged_by) == (statement, personas.secretariat)
    search = client.get(reverse("register:search"), {"q": "料金"}).content.decode()
    assert url in search  # the secretariat reaches tagging from the search results
    client.post(url, {})
    assert not pricing.taggings.exists()
