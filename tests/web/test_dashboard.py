"""End to end: the dashboard in headless Chromium against a live `eventwire serve`."""

from __future__ import annotations

from pathlib import Path

import pytest

from web.conftest import CHROMIUM_ARGS

pytestmark = pytest.mark.browser


def test_dashboard_map_filter_and_highlighted_sentence(
    chromium_path: Path, served: str, tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        offsite: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(served) else offsite.append(r.url))
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(served + "/")
        expect(page.locator("body")).to_have_attribute("data-state", "ready", timeout=15_000)
        assert page.locator("body").get_attribute("data-points") == "120"
        expect(page.locator("body")).to_have_attribute("data-drawn", "120")
        expect(page.locator(".cluster").first).to_be_visible()  # markers render, clustered
        assert page.locator("#histogram rect.bar").count() > 50
        assert page.locator("#events tbody tr").count() == 100

        page.select_option("select[name=event]", "PROTEST")
        expect(page.locator("body")).to_have_attribute("data-points", "20", timeout=10_000)
        expect(page.locator("body")).to_have_attribute("data-state", "ready")
        categories = page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()
        assert categories and set(categories) == {"PROTEST"}

        page.locator("#events tbody tr").first.click()
        trigger = page.locator("#detail .sentence mark.role-trigger")
        expect(trigger).to_have_text("marched")
        expect(page.locator("#detail .sentence mark.role-place")).to_have_text("Lyon")
        expect(page.locator("#detail dl a")).to_have_attribute(
            "href", "https://news.example/scene/115"
        )
        # Scene 115 has one other report of the same event (scene 103, another source).
        others = page.locator("#detail .reports li")
        expect(others).to_have_count(1)
        assert others.first.get_attribute("data-id") == "scene00103-e0"
        expect(others.first.locator("a")).to_have_attribute(
            "href", "https://news.example/scene/103"
        )
        expect(others.first).to_contain_text("Lyon Courier")
        expect(others.first.locator("q")).to_contain_text("marched through Lyon")
        expect(page.locator("#detail .cluster-summary")).to_have_text(
            "2 articles from 2 sources, 2024-08-12 – 2024-08-24"
        )
        # ... and the article's story holds it, scene 103 and scene 7.
        expect(page.locator("#detail .story-summary")).to_have_text("3 articles tell this story")
        stories = page.locator("#detail .story li")
        expect(stories).to_have_count(2)
        assert {stories.nth(i).get_attribute("data-article") for i in range(2)} == {
            "scene00103",
            "scene00007",
        }
        page.screenshot(path=str(tmp_path / "dashboard.png"))  # never into the tracked tree
        assert (tmp_path / "dashboard.png").stat().st_size > 10_000
        browser.close()
    assert not errors, errors
    assert not offsite, f"the page fetched from elsewhere: {offsite[:3]}"
