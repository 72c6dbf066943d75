"""How a haven's distance is said and how its contact becomes links (tel: for every phone number)."""

from __future__ import annotations

import pytest

from survey.places.safe_havens import contact_parts, describe_distance


class TestDescribeDistance:
    @pytest.mark.parametrize(
        "metres, said",
        [
            (40, "Less than 100 metres away"),
            (124, "About 100 metres away"),
            (125, "About 150 metres away"),
            (349, "About 350 metres away"),
            (975, "About 1.0 km away"),
            (1234, "About 1.2 km away"),
            (9949, "About 9.9 km away"),
            (9950, "About 10 km away"),
            (12500, "About 13 km away"),
        ],
    )
    def test_near_places_in_metres_far_ones_in_kilometres(self, metres, said):
        assert describe_distance(metres) == said


class TestContactParts:
    def test_a_phone_number_alone_is_a_tel_link(self):
        assert contact_parts("020 7946 0002") == [("020 7946 0002", "tel:02079460002")]

    def test_every_number_inside_words_is_a_link_and_the_words_stay(self):
        assert contact_parts("Call 020 7946 0002 or 07700 900123 (mobile)") == [
            ("Call ", None),
            ("020 7946 0002", "tel:02079460002"),
            (" or ", None),
            ("07700 900123", "tel:07700900123"),
            (" (mobile)", None),
        ]

    def test_an_international_number_drops_the_bracketed_zero(self):
        assert contact_parts("+44 (0)20 7946 0002") == [("+44 (0)20 7946 0002", "tel:+442079460002")]

    def test_emergency_and_short_numbers_and_email(self):
        assert contact_parts("999") == [("999", "tel:999")]
        assert contact_parts("help@shop.example") == [("help@shop.example", "mailto:help@shop.example")]

    def test_words_alone_stay_words(self):
        assert contact_parts("Ask at the desk") == [("Ask at the desk", None)]
        assert contact_parts(None) == [] and contact_parts("  ") == []
