"""Urdu pages mirror in Chromium: the same page in English and in Urdu, element by element.

Axe cannot see which way a page runs, so this measures it: where the back link's chevron sits and which
way it points, the Exit this page button, the header's service name, the language switcher, a radio and
a checkbox beside their labels, a summary list's key and value, the details triangle, the start button's
arrow and the map's zoom control. Each is on one side in English and on the other in Urdu (x positions
against the viewport, with a few pixels' tolerance). Without the mirrored GOV.UK stylesheet (or with
the Leaflet controls left where they are) these fail. The map and havens pages in Urdu have 0 axe
violations.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from demo.loader import DEMO_CONSULTATIONS, demo_consultation
from survey.partnerships import get_or_create_partnership
from survey.places.safe_havens import all_day
from tests.browser.conftest import assert_no_axe_violations, save_screenshot
from tests.places import INSIDE, make_haven, make_place_consultation, store_place_report

pytestmark = pytest.mark.browser
SLUG = DEMO_CONSULTATIONS["community-safety"]
WIDTH = 1280  # wide enough for GOV.UK's desktop layout (Exit this page floats, summary lists are tables)
TOLERANCE = 3  # pixels: a mirrored element's distance from one edge matches the other's


@pytest.fixture(scope="module", autouse=True)
def pages(live_server):
    live_server.app.extensions["safer_voices"].settings.public_hotspots = True
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "demo", "Demo Borough Community Safety Partnership")
        demo_consultation(session, partnership, "community-safety", SLUG)
        consultation = make_place_consultation(session, partnership, slug="rtl-places")
        make_haven(session, partnership, name="Open All Hours", opening_hours=all_day(),
                   contact="Call 020 7946 0011")
        for index in range(12):  # enough in one square for the public map
            store_place_report(
                session, consultation, place={"latitude": INSIDE[0] + index * 0.00002, "longitude": INSIDE[1]}
            )
        session.commit()


# Boxes of what a page shows, measured in the page: {left, right, centre} in CSS pixels.
MEASURE = """
(selector) => {
  const box = (rect) => ({left: rect.left, right: rect.right, centre: (rect.left + rect.right) / 2});
  const textBox = (element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return box(range.getBoundingClientRect());
  };
  const one = (css) => document.querySelector(css);
  const found = {width: document.documentElement.clientWidth, dir: document.documentElement.dir};
  const back = one(".govuk-back-link");
  if (back) {
    // The chevron is a ::before box: an absolutely placed square with two borders, turned.
    const link = back.getBoundingClientRect();
    const before = getComputedStyle(back, "::before");
    const left = link.left + parseFloat(before.left);
    found.backText = textBox(back);
    found.backArrow = box({left, right: left + parseFloat(before.width)});
    // Which way it points: the corner between its two drawn borders, turned by its transform.
    const corner = [parseFloat(before.borderRightWidth) > 0 ? 1 : -1,
                    parseFloat(before.borderTopWidth) > 0 ? -1 : 1];
    const turn = new DOMMatrix(before.transform);
    found.backPoints = turn.a * corner[0] + turn.c * corner[1];  // its x after turning: < 0 is left
  }
  const exit = one(".govuk-exit-this-page__button");
  if (exit) found.exit = box(exit.getBoundingClientRect());
  const service = one(".govuk-generic-header__homepage-link");
  if (service) found.service = textBox(service);
  const languages = [...document.querySelectorAll(".sv-language-switcher__item")];
  if (languages.length) {
    found.firstLanguage = box(languages[0].getBoundingClientRect());
    found.lastLanguage = box(languages[languages.length - 1].getBoundingClientRect());
  }
  for (const kind of ["radios", "checkboxes"]) {
    const input = one(`.govuk-${kind}__input`);
    if (input) {
      const label = one(`label[for="${input.id}"]`);
      found[kind] = {input: box(input.getBoundingClientRect()), label: textBox(label)};
    }
  }
  const key = one(".govuk-summary-list__key");
  if (key) {
    const value = one(".govuk-summary-list__value");
    found.summary = {key: box(key.getBoundingClientRect()), value: box(value.getBoundingClientRect())};
  }
  const summary = one(".govuk-details__summary");
  if (summary) {
    const clip = getComputedStyle(summary, "::before").clipPath;
    // The triangle's tip is the point half way down: at 100% it points right, at 0% left.
    const tip = [...clip.matchAll(/([\\d.]+)%\\s+([\\d.]+)%/g)].find((point) => point[2] === "50");
    found.detailsPoints = tip ? (tip[1] === "100" ? 1 : -1) : 0;
    found.detailsText = textBox(one(".govuk-details__summary-text"));
    const rect = summary.getBoundingClientRect();
    const left = rect.left + parseFloat(getComputedStyle(summary, "::before").left);
    found.detailsTriangle = box({left, right: left + 12});
  }
  const start = one(".govuk-button__start-icon");
  if (start) {
    found.startIcon = box(start.getBoundingClientRect());
    const words = [...start.parentElement.childNodes]
      .find((node) => node.nodeType === 3 && node.textContent.trim());
    const range = document.createRange();
    range.selectNode(words);
    found.startText = box(range.getBoundingClientRect());
    found.startFlipped = new DOMMatrix(getComputedStyle(start).transform).a < 0;
  }
  const zoom = one(".leaflet-control-zoom");
  if (zoom) {
    const canvas = one(".sv-map__canvas");
    found.zoom = {control: box(zoom.getBoundingClientRect()), map: box(canvas.getBoundingClientRect())};
  }
  return found;
}
"""


def measure(page: Page, path: str, code: str, *, ready: str | None = None) -> dict[str, Any]:
    """The page at ``path`` in language ``code``, as chosen with the switcher's link, measured."""
    page.set_viewport_size({"width": WIDTH, "height": 900})
    page.goto(f"/language/{code}?next={path}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if code == "ur" else "ltr")
    if ready:
        expect(page.locator(ready).first).to_be_visible()
    return page.evaluate(MEASURE)


def mirrored(english: dict[str, float], urdu: dict[str, float], width: float) -> bool:
    """Whether the Urdu box sits as far from the right edge as the English one from the left."""
    return abs(english["left"] - (width - urdu["right"])) <= TOLERANCE


def before(first: dict[str, float], second: dict[str, float], direction: str) -> bool:
    """Whether ``first`` comes before ``second`` in the reading direction (left of it, or right of it)."""
    return first["centre"] < second["centre"] if direction == "ltr" else first["centre"] > second["centre"]


class TestThePageFrameMirrors:
    def test_exit_this_page_the_service_name_and_the_language_switcher_change_sides(self, page):
        english, urdu = measure(page, "/safe-havens", "en"), measure(page, "/safe-havens", "ur")
        width = english["width"]
        assert english["exit"]["centre"] > width / 2 and urdu["exit"]["centre"] < width / 2
        assert abs((width - english["exit"]["right"]) - urdu["exit"]["left"]) <= TOLERANCE
        assert english["service"]["centre"] < width / 2 < urdu["service"]["centre"]
        assert mirrored(english["service"], urdu["service"], width)
        # The switcher sits at the end of the line (up to the Exit this page button), English first in
        # the reading direction. (Each language's button is its own width, so it is not an exact mirror.)
        assert width / 2 < english["lastLanguage"]["right"] <= english["exit"]["left"]
        assert width / 2 > urdu["lastLanguage"]["left"] >= urdu["exit"]["right"]
        assert before(english["firstLanguage"], english["lastLanguage"], "ltr")
        assert before(urdu["firstLanguage"], urdu["lastLanguage"], "rtl")


class TestConsultationPagesMirror:
    def start(self, page: Page) -> str:
        """Into the consultation (in English) to its second question: a back link and checkboxes."""
        page.goto(f"/language/en?next=/consultations/{SLUG}/")
        page.get_by_role("button", name="Start now").click()
        page.get_by_label("Anti-social behaviour").select_option("1")
        page.get_by_role("button", name="Continue").click()
        expect(page.locator("h1")).to_contain_text("town centre issues")
        return re.sub(r"^https?://[^/]+", "", page.url)

    def test_the_back_link_chevron_and_a_checkbox_change_sides(self, page):
        path = self.start(page)
        english, urdu = measure(page, path, "en"), measure(page, path, "ur")
        save_screenshot(page, "right-to-left-question")
        width = english["width"]
        # English: the chevron left of "Back", pointing left; Urdu: right of it, pointing right.
        assert english["backArrow"]["right"] <= english["backText"]["left"] + 1
        assert english["backPoints"] < 0
        assert urdu["backArrow"]["left"] >= urdu["backText"]["right"] - 1
        assert urdu["backPoints"] > 0
        assert mirrored(english["backArrow"], urdu["backArrow"], width)
        assert before(english["checkboxes"]["input"], english["checkboxes"]["label"], "ltr")
        assert before(urdu["checkboxes"]["input"], urdu["checkboxes"]["label"], "rtl")
        assert mirrored(english["checkboxes"]["input"], urdu["checkboxes"]["input"], width)

    def test_a_radio_sits_at_the_start_of_its_label(self, page):
        path = self.start(page)
        page.get_by_role("button", name="Continue").click()  # the town centre question is optional
        page.get_by_role("button", name="Continue").click()  # and so is the next
        expect(page.locator("h1")).to_contain_text("during the day")
        path = re.sub(r"^https?://[^/]+", "", page.url)
        english, urdu = measure(page, path, "en"), measure(page, path, "ur")
        assert before(english["radios"]["input"], english["radios"]["label"], "ltr")
        assert before(urdu["radios"]["input"], urdu["radios"]["label"], "rtl")
        assert mirrored(english["radios"]["input"], urdu["radios"]["input"], english["width"])

    def test_the_start_buttons_arrow_points_the_reading_way(self, page):
        path = f"/consultations/{SLUG}/"
        english, urdu = measure(page, path, "en"), measure(page, path, "ur")
        assert english["startIcon"]["centre"] > english["startText"]["left"] and not english["startFlipped"]
        assert urdu["startIcon"]["centre"] < urdu["startText"]["right"] and urdu["startFlipped"]


class TestPlacePagesMirror:
    def test_summary_list_details_triangle_and_map_zoom_change_sides(self, page):
        ready = ".leaflet-control-zoom"
        english = measure(page, "/safe-havens", "en", ready=ready)
        urdu = measure(page, "/safe-havens", "ur", ready=ready)
        save_screenshot(page, "right-to-left-safe-havens")
        width = english["width"]
        assert before(english["summary"]["key"], english["summary"]["value"], "ltr")
        assert before(urdu["summary"]["key"], urdu["summary"]["value"], "rtl")
        assert mirrored(english["summary"]["key"], urdu["summary"]["key"], width)
        # Closed, the details triangle comes first and points the way the text runs.
        assert before(english["detailsTriangle"], english["detailsText"], "ltr")
        assert english["detailsPoints"] > 0
        assert before(urdu["detailsTriangle"], urdu["detailsText"], "rtl")
        assert urdu["detailsPoints"] < 0
        # The zoom control: top left of the map in English, top right in Urdu.
        assert english["zoom"]["control"]["centre"] < english["zoom"]["map"]["centre"]
        assert urdu["zoom"]["control"]["centre"] > urdu["zoom"]["map"]["centre"]
        assert abs((english["zoom"]["control"]["left"] - english["zoom"]["map"]["left"])
                   - (urdu["zoom"]["map"]["right"] - urdu["zoom"]["control"]["right"])) <= TOLERANCE


class TestUrduPlacePagesAreAccessible:
    @pytest.mark.parametrize("path", ["/safe-havens", "/safe-spaces"])
    def test_no_axe_violations_in_urdu(self, page, path):
        page.goto(f"/language/ur?next={path}")
        expect(page.locator("html")).to_have_attribute("lang", "ur")
        expect(page.locator(".leaflet-control-zoom")).to_be_visible()
        expect(page.locator(".leaflet-control-zoom-in")).to_have_attribute("title", "بڑا کریں")
        assert_no_axe_violations(page)
