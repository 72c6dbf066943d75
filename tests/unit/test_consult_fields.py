"""The consultation page's presentation of choices: "Other - please specify" only where offered."""

from __future__ import annotations

from survey.definitions.definition import parse_definition
from webapp.consult.fields import choice_items

SOURCE = """\
id: fields
kind: consultation
title: Fields
intro: Hello.
privacy_notice: Anonymous.
pages:
  - questions:
      - {id: offered, type: single_choice, text: Where, options: [Home, Work], other: true}
      - {id: plain, type: single_choice, text: Where, options: [{value: home, label: Home}, Other]}
"""
DEFINITION = parse_definition(SOURCE, "fields.yaml")


class TestChoiceItems:
    def test_the_other_option_reveals_a_text_box_where_the_question_offers_it(self):
        items = choice_items(DEFINITION.question("offered"), {"other_text": "The gym"})
        other = items[-1]
        assert other["value"] == "other" and 'value="The gym"' in str(other["conditional"]["html"])

    def test_a_plain_option_called_other_is_an_ordinary_radio(self):
        items = choice_items(DEFINITION.question("plain"), {"answer": ["other"]})
        assert items[-1] == {"value": "other", "text": "Other", "checked": True}
