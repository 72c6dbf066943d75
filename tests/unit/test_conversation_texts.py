"""The conversations' words: whole texts with named placeholders, laid out without joining sentences."""

from __future__ import annotations

import string

import pytest

from survey.conversations import texts

TEXTS = {name: value for name, value in vars(texts).items() if name.isupper() and isinstance(value, str)}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_every_placeholder_is_named_so_a_translation_can_move_it(name):
    fields = [field for _, field, _, _ in string.Formatter().parse(TEXTS[name]) if field is not None]
    assert all(field and field.isidentifier() for field in fields), fields


def test_lines_and_paragraphs_leave_out_what_is_empty():
    assert texts.lines("Name", None, "", "Address") == "Name\nAddress"
    assert texts.paragraphs("Heading", None, "Block") == "Heading\n\nBlock"


def test_a_question_heading_is_one_template():
    assert texts.QUESTION.format(number=2, total=8) == "Question 2 of 8"
