"""The hotspot map's key: HTML that says what each shade of red and the blue line mean, from the same
shades the map is drawn with."""

from __future__ import annotations

import json
import re

import pytest

from survey.vocabulary import Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.places import INSIDE, make_place_consultation, store_place_report
from tests.web import sign_in
from webapp.officer.places.hotspot_legend import legend_bands, shade_of


class TestShades:
    @pytest.mark.parametrize("most", [1, 2, 3, 5, 7, 12, 37, 100])
    def test_every_count_falls_in_the_band_of_its_shade(self, most):
        bands = legend_bands(most)
        for reports in range(1, most + 1):
            shade = shade_of(reports, most)
            assert [band.shade for band in bands if band.low <= reports <= band.high] == [shade]

    def test_labels_say_the_counts(self):
        assert [band.label for band in legend_bands(12)] == [
            "1 to 2 reports",
            "3 to 4 reports",
            "5 to 7 reports",
            "8 to 9 reports",
            "10 to 12 reports",
        ]
        assert [band.label for band in legend_bands(1)] == ["1 report"]


class TestHotspotsPage:
    def test_the_page_has_a_key_that_matches_the_shades_on_the_map(self, client, db_session):
        partnership = make_partnership(db_session, "north")
        consultation = make_place_consultation(db_session, partnership)
        for index in range(6):  # one busy square
            store_place_report(
                db_session,
                consultation,
                place={"latitude": INSIDE[0] + index * 0.00001, "longitude": INSIDE[1]},
            )
        store_place_report(db_session, consultation, place={"latitude": 51.515, "longitude": -0.106})
        officer = make_officer(db_session, partnership, Role.VIEWER)
        assert sign_in(client, officer.email, PASSWORD).status_code == 302
        page = client.get("/officer/hotspots").get_data(as_text=True)
        assert 'id="hotspot-legend"' in page and "Key to the map" in page
        assert re.findall(r"Red square[^<]*", page) == [
            "Red square, lightest: 1 report",
            "Red square, light: 2 reports",
            "Red square, medium: 3 reports",
            "Red square, dark: 4 reports",
            "Red square, darkest: 5 to 6 reports",
        ]
        assert "Blue line: the edge of North Community Safety Partnership" in page
        assert "Every square is the same size, 250 metres across" in page
        cells = json.loads(re.search(r"data-cells='([^']+)'", page)[1].encode().decode("unicode_escape"))
        assert sorted((f["properties"]["reports"], f["properties"]["shade"]) for f in cells["features"]) == [
            (1, 1),
            (6, 5),
        ]
