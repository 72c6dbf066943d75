"""UK phone numbers, numbers to text and web addresses as officers type them for a local service."""

from __future__ import annotations

import pytest

from survey.signposting.phones import phone_problem, tel_href, text_message_problem, website_problem


class TestPhoneNumbers:
    @pytest.mark.parametrize(
        ("typed", "href"),
        [
            ("01632 960 001", "tel:01632960001"),
            ("(01632) 960001", "tel:01632960001"),
            ("+44 1632 960001", "tel:01632960001"),
            ("+44 (0)20 7946 0000", "tel:02079460000"),
            ("0044 7700 900982", "tel:07700900982"),
            ("07700-900-982", "tel:07700900982"),
            ("0808 800 5000", "tel:08088005000"),
            ("0800 555 111", "tel:0800555111"),
            ("0800 1111", "tel:08001111"),
            ("116 123", "tel:116123"),
            ("999", "tel:999"),
            ("101", "tel:101"),
        ],
    )
    def test_uk_numbers_become_tel_links(self, typed, href):
        assert phone_problem(typed) is None
        assert tel_href(typed) == href

    @pytest.mark.parametrize(
        "typed",
        ["12345", "0161 496 00", "+1 202 555 0100", "0400 123 4567", "01632 960 001 ext 4", "call us"],
    )
    def test_other_numbers_are_refused_with_an_example(self, typed):
        assert (
            phone_problem(typed)
            == "Enter a UK phone number, like 01632 960 001, 07700 900 982 or 0808 800 5000"
        )
        assert tel_href(typed) is None


class TestTextMessages:
    @pytest.mark.parametrize("typed", ["SHOUT to 85258", "STEP to 01632 960401", "07700 900 982", "85258"])
    def test_a_number_or_a_word_and_a_number(self, typed):
        assert text_message_problem(typed) is None

    @pytest.mark.parametrize("typed", ["text us", "SHOUT to", "to 12", "SHOUT 85258"])
    def test_anything_else_is_refused(self, typed):
        assert text_message_problem(typed).startswith("Enter the number to text")


class TestWebsites:
    def test_https_addresses_are_accepted(self):
        assert website_problem("https://www.example.org.uk/help?x=1") is None

    @pytest.mark.parametrize(
        ("typed", "start"),
        [
            ("http://www.example.org.uk", "Enter a website address that starts with https://"),
            ("javascript:alert(1)", "Enter a website address that starts with https://"),
            ("www.example.org.uk", "Enter a website address that starts with https://"),
            ("https://localhost", "Enter a real website address"),
            ("https://user:pw@example.org", "Enter a real website address"),
            ("https://exa mple.org", "Website must not have spaces"),
        ],
    )
    def test_anything_else_is_refused(self, typed, start):
        assert website_problem(typed).startswith(start)
