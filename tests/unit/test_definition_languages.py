"""Definitions in several languages: a text may be a mapping of language to words (issue 20)."""

from __future__ import annotations

import pytest

from survey.authoring.editing import dump, editable, set_details
from survey.authoring.translations import TranslationsRefused, texts_csv, with_translations
from survey.definitions.definition import DefinitionError, list_templates, load_template, parse_definition

PLAIN = """\
id: town
kind: consultation
title: Town survey
intro: Tell us what you think.
privacy_notice: We do not ask for your name.
pages:
  - title: Safety
    questions:
      - id: feeling
        type: single_choice
        text: How do you feel in the town centre?
        hint: Choose one.
        options: [Safe, Unsafe]
"""
TRANSLATED = PLAIN.replace(
    "title: Town survey", "title: {en: Town survey, cy: Arolwg y dref, pl: Ankieta miejska}"
).replace(
    "options: [Safe, Unsafe]",
    "options:\n          - {en: Safe, cy: Diogel, ur: محفوظ}\n          - Unsafe",
)


class TestPlainEnglish:
    def test_a_definition_of_plain_strings_is_as_it_was_and_lacks_every_other_language(self) -> None:
        definition = parse_definition(PLAIN)
        assert definition.title == "Town survey"
        assert [text.key for text in definition.texts] == [
            "title", "intro", "privacy_notice", "page.1.title", "question.feeling.text",
            "question.feeling.hint", "question.feeling.options.safe", "question.feeling.options.unsafe",
        ]
        assert all(len(texts) == 8 for texts in definition.missing_texts().values())
        assert definition.in_language("cy").title == "Town survey"  # English where there is no Welsh

    def test_english_or_an_unknown_code_gives_the_definition_itself(self) -> None:
        definition = parse_definition(PLAIN)
        assert definition.in_language("en") is definition
        assert definition.in_language("fr") is definition


class TestTranslatedTexts:
    def test_the_models_hold_the_english_and_each_language_is_a_copy_in_that_language(self) -> None:
        definition = parse_definition(TRANSLATED)
        assert definition.title == "Town survey"
        assert definition == parse_definition(PLAIN)  # the same questions and English
        assert not definition.same_texts(parse_definition(PLAIN))
        welsh = definition.in_language("cy")
        assert (welsh.title, welsh.language) == ("Arolwg y dref", "cy")
        assert [option.label for option in welsh.question("feeling").options] == ["Diogel", "Unsafe"]
        assert definition.in_language("pl").title == "Ankieta miejska"
        assert definition.in_language("ur").question("feeling").options[0].label == "محفوظ"
        assert welsh.question("feeling") is welsh.questions[0]

    def test_option_values_are_the_same_in_every_language(self) -> None:
        definition = parse_definition(TRANSLATED)
        for code in ("cy", "pl", "ur"):
            copy = definition.in_language(code)
            assert [o.value for o in copy.question("feeling").all_options] == ["safe", "unsafe"]

    def test_missing_texts_name_what_lacks_which_language(self) -> None:
        missing = parse_definition(TRANSLATED).missing_texts()
        assert "title" not in [text.key for text in missing["cy"]]
        assert "title" in [text.key for text in missing["ur"]]
        assert "question.feeling.options.safe" in [text.key for text in missing["pl"]]


class TestMistakes:
    @pytest.mark.parametrize(
        ("title", "message"),
        [
            ("{cy: Arolwg}",
             "town.yaml, line 3: title: a text in several languages must have its English, 'en'"),
            ("{en: Town, fr: Ville}",
             "town.yaml, line 3: title: unknown language 'fr' (the languages offered are: en, cy, pl, ur)"),
            ("{en: Town, cy: ''}", "town.yaml, line 3: title: the 'cy' text must be words, not ''"),
        ],
    )
    def test_a_bad_language_mapping_names_the_file_line_and_fix(self, title, message) -> None:
        with pytest.raises(DefinitionError) as error:
            parse_definition(PLAIN.replace("title: Town survey", f"title: {title}"), "town.yaml")
        assert error.value.problems == [message]

    def test_a_question_text_mistake_names_the_question(self) -> None:
        source = PLAIN.replace("text: How do you feel in the town centre?", "text: {en: How, de: Wie}")
        with pytest.raises(DefinitionError) as error:
            parse_definition(source, "town.yaml")
        assert "town.yaml, line 11: question 'feeling': text: unknown language 'de'" in str(error.value)


class TestShippedTemplates:
    @pytest.mark.parametrize("name", list_templates())
    def test_every_text_is_in_welsh_polish_and_urdu(self, name) -> None:
        assert load_template(name).missing_texts() == {"cy": [], "pl": [], "ur": []}

    @pytest.mark.parametrize("name", list_templates())
    def test_every_language_asks_the_same_questions_with_the_same_values(self, name) -> None:
        definition = load_template(name)
        shape = [(q.id, q.type, [o.value for o in q.all_options]) for q in definition.questions]
        for code in ("cy", "pl", "ur"):
            copy = definition.in_language(code)
            assert [(q.id, q.type, [o.value for o in q.all_options]) for q in copy.questions] == shape
            assert copy.title != definition.title


class TestBuilderKeepsLanguages:
    def test_an_unchanged_text_keeps_its_languages_and_a_changed_one_loses_them(self) -> None:
        data = editable(TRANSLATED)
        assert data["title"] == "Town survey"  # the builder edits English
        options = data["pages"][0]["questions"][0]["options"]
        assert options[0] == "Safe"
        options[0] = "Safe enough"
        result = parse_definition(dump(data))
        assert result.in_language("cy").title == "Arolwg y dref"
        assert result.in_language("cy").question("feeling").options[0].label == "Safe enough"


    def test_saving_the_start_page_unchanged_keeps_a_multi_line_texts_languages(self) -> None:
        source = PLAIN.replace(
            "intro: Tell us what you think.",
            "intro:\n  en: |\n    Tell us what you think.\n    It is short.\n  cy: |\n    Dywedwch wrthym.\n",
        )
        data = editable(source)
        set_details(data, title="Town survey", intro="Tell us what you think.\r\nIt is short.  ",
                    privacy_notice="We do not ask for your name.")
        result = parse_definition(dump(data))
        assert result.in_language("cy").intro == "Dywedwch wrthym.\n"
        assert result.intro == "Tell us what you think.\nIt is short."


class TestSpreadsheet:
    def test_a_text_starting_like_a_formula_goes_out_protected_and_comes_back_as_it_was(self) -> None:
        source = PLAIN.replace("hint: Choose one.", "hint: '=Choose one.'")
        csv_text = texts_csv(source)
        assert "question.feeling.hint,'=Choose one.,,," in csv_text
        filled = csv_text.replace("'=Choose one.,,,", "'=Choose one.,'=Dewiswch un.,,")
        result = parse_definition(with_translations(source, filled))
        assert result.question("feeling").hint == "=Choose one."
        assert result.in_language("cy").question("feeling").hint == "=Dewiswch un."

    def test_a_header_without_english_or_with_another_language_is_refused(self) -> None:
        with pytest.raises(TranslationsRefused) as error:
            with_translations(PLAIN, "key,cy,de\ntitle,Arolwg,Umfrage\n")
        assert error.value.problems == [
            "Row 1: there is no 'en' column. The first row must name the columns: key, en, cy, pl, ur.",
            "Row 1: the column 'de' is not one of key, en, cy, pl, ur.",
        ]

    def test_a_key_given_twice_is_refused(self) -> None:
        with pytest.raises(TranslationsRefused) as error:
            with_translations(PLAIN, "key,en,cy\ntitle,Town survey,Arolwg\ntitle,Town survey,Arolwg y dref\n")
        assert error.value.problems == ["Row 3: the key 'title' is also on row 2. Give each text once."]

    def test_a_language_left_out_of_the_file_keeps_its_words(self) -> None:
        result = parse_definition(with_translations(TRANSLATED, "key,en,pl\ntitle,Town survey,Ankieta\n"))
        assert result.in_language("cy").title == "Arolwg y dref"
        assert result.in_language("pl").title == "Ankieta"
