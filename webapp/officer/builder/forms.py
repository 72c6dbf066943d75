"""The builder's forms (GOV.UK wording). Each carries ``based_on``: the definition version the page
showed, so a second click or a colleague's change in between is noticed instead of applied twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovDateInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional, ValidationError

from survey.authoring.builder_questions import ABOUT_YOU, CUSTOM, TYPE_FIELDS, lines_of
from survey.question_types.about_you import ABOUT_YOU_NAMES

TYPE_CHOICES = [
    ("single_choice", "One answer from a list", "Radios: for example Yes, No, Prefer not to say."),
    ("multiple_choice", "Several answers from a list", "Checkboxes: select all that apply."),
    ("ranking", "Put options in order", "People number their top choices, most important first."),
    ("scale", "A scale", "For example Very safe to Very unsafe."),
    ("free_text", "An answer in their own words", "A text box."),
    ("number", "A number", None),
    ("date", "A date", None),
    ("location", "A place", "A map pin, an area or landmark from a list, or a description."),
    (ABOUT_YOU, "About you questions", "Age, gender, ethnicity and the other equality questions."),
]
ABOUT_YOU_LABELS = {
    "relationship": "Their connection to the area (live, work, study, visit)",
    "age_band": "Age band (11 to 15 up to 75 and over)",
    "gender": "Gender",
    "ethnicity": "Ethnic group (ONS 2021 groups)",
    "disability": "Disability",
    "sexual_orientation": "Sexual orientation",
    "area": "The area they live in or spend most time in",
}
MOVES = {"up": -1, "down": 1}


class BuilderForm(FlaskForm):
    based_on = HiddenField()


class MoveForm(BuilderForm):
    direction = HiddenField(validators=[AnyOf(list(MOVES))])


class DetailsForm(BuilderForm):
    title = StringField(
        "Title",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter a title"),
            Length(max=200, message="Title must be 200 characters or fewer"),
        ],
    )
    intro = TextAreaField(
        "Introduction",
        widget=GovTextArea(),
        description="Shown on the start page. Leave a blank line between paragraphs.",
        validators=[InputRequired("Enter an introduction")],
    )
    privacy_notice = TextAreaField(
        "Privacy notice",
        widget=GovTextArea(),
        description="What you keep, for how long, and who sees it. Shown before anyone answers.",
        validators=[InputRequired("Enter a privacy notice")],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())


class PageForm(BuilderForm):
    title = StringField(
        "Page title (optional)",
        widget=GovTextInput(),
        description="Pages group questions for you and for the paper version; "
        "people still see one question at a time.",
        validators=[Optional(), Length(max=200, message="Page title must be 200 characters or fewer")],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class TypeForm(BuilderForm):
    kind = RadioField(
        "What kind of question is it?",
        widget=GovRadioInput(),
        choices=[SelectChoice(value, label) for value, label, _hint in TYPE_CHOICES],
        validators=[InputRequired("Select the kind of question")],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class RemoveForm(BuilderForm):
    submit = SubmitField("Yes, remove it", widget=GovSubmitInput())


class AboutYouForm(BuilderForm):
    names = SelectMultipleField(
        "Which questions about the respondent do you want to ask?",
        widget=GovCheckboxesInput(),
        choices=[SelectChoice(name, ABOUT_YOU_LABELS[name]) for name in ABOUT_YOU_NAMES],
        description='Each is optional for the respondent and offers "Prefer not to say".',
        validators=[InputRequired("Select at least one question about the respondent")],
    )
    areas = TextAreaField(
        "Areas to choose from (only for the area question)",
        widget=GovTextArea(),
        description="Wards or postcode districts, one on each line.",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def validate_areas(self, field: Any) -> None:
        if "area" in (self.names.data or []) and not lines_of(field.data):
            raise ValidationError("Enter the areas people can choose from, one on each line")


class ConditionQuestionForm(BuilderForm):
    target = RadioField(
        "Show this question only if the answer to which question matches?",
        widget=GovRadioInput(),
        validators=[InputRequired("Select a question")],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class ConditionAnswersForm(BuilderForm):
    values = SelectMultipleField(
        "Show this question if the answer includes",
        widget=GovCheckboxesInput(),
        validators=[InputRequired("Select at least one answer")],
    )
    submit = SubmitField("Save condition", widget=GovSubmitInput())


def _options_required(form: Any, field: Any) -> None:
    needed = 2 if form.kind == "ranking" else 1
    if form.kind == "scale" and form.preset.data != CUSTOM:
        return
    if len(lines_of(field.data)) < needed:
        what = "at least 2 options" if needed == 2 else "the options"
        raise ValidationError(f"Enter {what}, one on each line")


def _whole(label: str, minimum: int = 1) -> list[Any]:
    return [Optional(), NumberRange(min=minimum, message=f"{label} must be {minimum} or more")]


QUESTION_FIELDS: dict[str, Any] = {
    "options": lambda: TextAreaField(
        "Options",
        widget=GovTextArea(),
        validators=[_options_required],
        description="Put each option on its own line.",
    ),
    "other": lambda: BooleanField(
        'Add "Other - please specify"',
        widget=GovCheckboxInput(),
        description="People who choose it can type their own answer.",
    ),
    "max_choices": lambda: IntegerField(
        "Most options one person may choose (optional)",
        widget=GovTextInput(),
        validators=_whole("Most options"),
        description="Leave blank for no limit.",
    ),
    "exclusive": lambda: TextAreaField(
        "Options that must be chosen on their own (optional)",
        widget=GovTextArea(),
        description='For example "None of these". One on each line, worded exactly as in the options.',
    ),
    "rank": lambda: IntegerField(
        "How many options should people rank?",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter how many options people should rank"),
            NumberRange(min=1, message="Enter a number that is 1 or more"),
        ],
        description="For example 3 for their top 3.",
    ),
    "preset": lambda: RadioField(
        "Points on the scale",
        widget=GovRadioInput(),
        default="safety",
        choices=[
            SelectChoice("safety", "Very safe, Fairly safe, A bit unsafe, Very unsafe"),
            SelectChoice(CUSTOM, "My own points"),
        ],
        validators=[InputRequired("Select the points on the scale")],
    ),
    "dont_know": lambda: BooleanField('Offer "Don\'t know"', widget=GovCheckboxInput()),
    "max_length": lambda: IntegerField(
        "Longest answer, in characters",
        widget=GovTextInput(),
        default=2000,
        validators=[
            InputRequired("Enter the longest answer in characters"),
            NumberRange(min=1, max=5000, message="Enter a number from 1 to 5,000"),
        ],
    ),
    "sentiment": lambda: BooleanField(
        "Score how positive or negative answers are",
        widget=GovCheckboxInput(),
        description="Only where the question asks how people feel about something.",
    ),
    "min": lambda: DecimalField(
        "Lowest number allowed (optional)", widget=GovTextInput(), validators=[Optional()]
    ),
    "max": lambda: DecimalField(
        "Highest number allowed (optional)", widget=GovTextInput(), validators=[Optional()]
    ),
    "integer": lambda: BooleanField("Whole numbers only", widget=GovCheckboxInput()),
    "not_in_future": lambda: BooleanField("The date must be today or earlier", widget=GovCheckboxInput()),
    "areas": lambda: TextAreaField(
        "Areas to choose from (optional)",
        widget=GovTextArea(),
        description="Wards or neighbourhoods, one on each line.",
    ),
    "landmarks": lambda: TextAreaField(
        "Landmarks to choose from (optional)",
        widget=GovTextArea(),
        description="Parks, stations, shopping centres, one on each line.",
    ),
    "allow_description": lambda: BooleanField(
        "Let people describe the place in words", widget=GovCheckboxInput(), default=True
    ),
}
POINTS_LABEL = "Your own points (only if you chose My own points)"


class LimitDateField(DateField):
    """A GOV.UK date input (day, month, year under one name); blank is no limit."""

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        super().process(formdata, data, extra_filters=extra_filters)
        if self.raw_data is not None and len(self.raw_data) != 3:  # not posted by the page's form
            self.raw_data = ([*self.raw_data, "", "", ""])[:3]
            self.data = None if not any(value.strip() for value in self.raw_data) else self.data

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not any(value.strip() for value in valuelist):
            self.data = None
            return
        try:
            day, month, year = (int(value) for value in valuelist)
            self.data = dt.date(year, month, day)
        except (TypeError, ValueError):
            self.data = None
            name = self.label.text.removesuffix(" (optional)")
            raise ValueError(f"{name} must be a real date, for example 31 3 2027") from None


DATE_LIMITS = {
    "min": lambda: LimitDateField(
        "Earliest date allowed (optional)",
        widget=GovDateInput(),
        format="%d %m %Y",
        description="For example, 1 1 2026",
        validators=[Optional()],
    ),
    "max": lambda: LimitDateField(
        "Latest date allowed (optional)",
        widget=GovDateInput(),
        format="%d %m %Y",
        description="For example, 31 12 2026",
        validators=[Optional()],
    ),
}


def question_form(kind: str, **kwargs: Any) -> FlaskForm:
    """The form for a question of type ``kind``: its text, hint, whether it must be answered, and
    the type's own fields."""

    class QuestionForm(BuilderForm):
        text = StringField(
            "Question",
            widget=GovTextInput(),
            validators=[
                InputRequired("Enter the question"),
                Length(max=500, message="Question must be 500 characters or fewer"),
            ],
        )
        hint = TextAreaField(
            "Hint (optional)",
            widget=GovTextArea(),
            description='Help shown under the question, for example "Select all that apply."',
        )
        required = BooleanField(
            "People must answer this question",
            widget=GovCheckboxInput(),
            description="Leave this unticked: most consultation questions are optional.",
        )
        error_message = StringField(
            "Error message if it is left empty (optional)",
            widget=GovTextInput(),
            description="Only for a question people must answer. "
            "For example, Select how safe you feel after dark",
            validators=[Length(max=200, message="Error message must be 200 characters or fewer")],
        )

    for name in TYPE_FIELDS[kind]:
        field = DATE_LIMITS[name]() if kind == "date" and name in DATE_LIMITS else QUESTION_FIELDS[name]()
        if kind == "scale" and name == "options":
            field = TextAreaField(
                POINTS_LABEL,
                widget=GovTextArea(),
                validators=[_options_required],
                description="Best first, one on each line. The first scores highest.",
            )
        setattr(QuestionForm, name, field)
    QuestionForm.submit = SubmitField("Save question", widget=GovSubmitInput())
    form = QuestionForm(**kwargs)
    form.kind = kind
    return form


def question_fields(form: Any) -> dict[str, Any]:
    """The form's answers as the builder's question fields (numbers as int or float, blank as None)."""
    fields: dict[str, Any] = {}
    for name in ("text", "hint", "required", "error_message", *TYPE_FIELDS[form.kind]):
        value = form[name].data
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        fields[name] = value
    return fields
