"""Adding, changing, moving and removing questions (and the about-you set) in the builder.

Adding is two pages: choose the kind of question, then write it. A question added to the page
after the last one makes that page (a page is never stored empty).
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from survey.authoring import builder_questions as questions
from survey.authoring import editing
from survey.authoring.builder_questions import ABOUT_YOU, BUILDER_TYPES
from survey.authoring.editing import EditError
from survey.question_types.about_you import is_about_you_block
from survey.vocabulary import Role
from webapp.auth import officer_required
from webapp.officer.builder.blueprint import (
    back_to_overview,
    bp,
    definition_data,
    edit_and_save,
    is_stale,
    linked,
    own_consultation,
    save,
    stale_redirect,
    version_of,
)
from webapp.officer.builder.forms import (
    MOVES,
    TYPE_CHOICES,
    AboutYouForm,
    MoveForm,
    RemoveForm,
    TypeForm,
    question_fields,
    question_form,
)
from webapp.officer.builder.overview import TYPE_LABELS, overview


def _page_number(data: editing.EditableDefinition, page: int) -> int:
    """A page to add to: an existing one, or the one after the last (a new page)."""
    if not 1 <= page <= len(editing.pages(data)) + 1:
        abort(404)
    return page


@bp.route("/pages/<int:page>/questions/new", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def choose_type(slug: str, page: int) -> Any:
    consultation = own_consultation(slug)
    _page_number(definition_data(consultation), page)
    page_title = (request.args.get("page_title") or "")[:200] or None
    form = TypeForm()
    if form.validate_on_submit():
        return redirect(
            url_for(".new_question", slug=slug, page=page, kind=form.kind.data, page_title=page_title)
        )
    return render_template(
        "officer/builder/type.html",
        title="What kind of question is it?",
        consultation=consultation,
        form=form,
        page=page,
        type_choices=TYPE_CHOICES,
    )


@bp.route("/pages/<int:page>/questions/new/<kind>", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def new_question(slug: str, page: int, kind: str) -> Any:
    consultation = own_consultation(slug)
    data = definition_data(consultation)
    _page_number(data, page)
    if kind not in BUILDER_TYPES:
        abort(404)
    page_title = (request.args.get("page_title") or "")[:200] or None
    first = {"based_on": version_of(consultation)} if request.method == "GET" else None
    form = AboutYouForm(data=first) if kind == ABOUT_YOU else question_form(kind, data=first)
    problems: list[str] = []
    if form.validate_on_submit():
        if is_stale(consultation, form.based_on.data):
            return stale_redirect(consultation)
        try:
            new = _item_from(form, kind, data, previous=None)
        except EditError as error:
            problems = [str(error)]
        else:
            if page > len(editing.pages(data)):
                editing.add_page(data, page_title, new)
            else:
                editing.add_item(data, page - 1, new)
            problems = save(consultation, data)
            if not problems:
                flash("Question added" if kind != ABOUT_YOU else "About you questions added")
                return back_to_overview(consultation, f"item-{editing.item_key(new)}")
    return _form_page(consultation, form, kind, problems, heading=_adding_heading(kind), page=page)


def _adding_heading(kind: str) -> str:
    return "Add about you questions" if kind == ABOUT_YOU else f"Add a question: {TYPE_LABELS[kind].lower()}"


def _item_from(
    form: Any,
    kind: str,
    data: editing.EditableDefinition,
    previous: dict[str, Any] | None,
    key: str | None = None,
) -> dict[str, Any]:
    if kind == ABOUT_YOU:
        return questions.about_you_block(form.names.data or [], form.areas.data)
    taken = questions.taken_ids(data, except_key=key)
    return questions.question_from_fields(kind, question_fields(form), previous=previous, taken=taken)


def _form_page(consultation: Any, form: Any, kind: str, problems: list[str], **context: Any) -> Any:
    template = "officer/builder/about_you.html" if kind == ABOUT_YOU else "officer/builder/question.html"
    return render_template(
        template,
        title=context["heading"],
        consultation=consultation,
        form=form,
        kind=kind,
        problems=linked(problems, form),
        error_title=bool(problems),
        **context,
    )


def _item_or_404(data: editing.EditableDefinition, key: str) -> dict[str, Any]:
    try:
        return editing.item(data, key)
    except EditError:
        abort(404)


@bp.route("/questions/<key>", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def edit_question(slug: str, key: str) -> Any:
    consultation = own_consultation(slug)
    data = definition_data(consultation)
    current = _item_or_404(data, key)
    block = is_about_you_block(current)
    kind = ABOUT_YOU if block else request.args.get("kind") or current.get("type", "")
    if kind not in BUILDER_TYPES or (kind == ABOUT_YOU) != block:
        abort(404)
    shown = current if block else {**current, "type": kind}  # a new kind keeps what fits it
    form = _edit_form(kind, shown, version_of(consultation) if request.method == "GET" else None)
    problems: list[str] = []
    if form.validate_on_submit():
        if is_stale(consultation, form.based_on.data):
            return stale_redirect(consultation)
        try:
            changed = _item_from(form, kind, data, previous=None if block else current, key=key)
        except EditError as error:
            problems = [str(error)]
        else:
            editing.replace_item(data, key, changed)
            problems = save(consultation, data)
            if not problems:
                flash("Question saved" if not block else "About you questions saved")
                return back_to_overview(consultation, f"item-{editing.item_key(changed)}")
    heading = "About you questions" if block else "Change the question"
    return _form_page(
        consultation, form, kind, problems, heading=heading, key=key, kind_label=TYPE_LABELS[kind]
    )


@bp.route("/questions/<key>/kind", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def change_kind(slug: str, key: str) -> Any:
    consultation = own_consultation(slug)
    current = _item_or_404(definition_data(consultation), key)
    if is_about_you_block(current):
        abort(404)
    form = TypeForm(data={"kind": current.get("type")} if request.method == "GET" else None)
    choices = [choice for choice in TYPE_CHOICES if choice[0] != ABOUT_YOU]
    form.kind.choices = [SelectChoice(value, label) for value, label, _hint in choices]
    if form.validate_on_submit():
        # Nothing is stored until the question is saved with its new kind's fields.
        return redirect(url_for(".edit_question", slug=slug, key=key, kind=form.kind.data))
    return render_template(
        "officer/builder/type.html",
        title="What kind of question is it?",
        consultation=consultation,
        form=form,
        type_choices=choices,
    )


def _edit_form(kind: str, current: dict[str, Any], based_on: str | None) -> Any:
    if based_on is None:
        return AboutYouForm() if kind == ABOUT_YOU else question_form(kind)
    if kind == ABOUT_YOU:
        areas = "\n".join(
            str(area) if not isinstance(area, dict) else area.get("label", "")
            for area in current.get("areas") or []
        )
        return AboutYouForm(
            data={"names": current.get("about_you") or [], "areas": areas, "based_on": based_on}
        )
    return question_form(kind, data={**questions.fields_of(current), "based_on": based_on})


@bp.route("/questions/<key>/move", methods=["POST"])
@officer_required(Role.ANALYST)
def move_question(slug: str, key: str) -> Any:
    consultation = own_consultation(slug)
    data = definition_data(consultation)
    _item_or_404(data, key)
    form = MoveForm()
    if not form.validate_on_submit() or is_stale(consultation, form.based_on.data):
        return stale_redirect(consultation)
    step = MOVES[form.direction.data]
    emptied, problems = edit_and_save(consultation, data, lambda edited: editing.move_item(edited, key, step))
    if problems:
        return overview(slug, problems=problems)
    flash(
        f"Question moved {form.direction.data}"
        + ("; its page had no other questions, so the page was removed" if emptied else "")
    )
    return back_to_overview(consultation, f"item-{key}")


@bp.route("/questions/<key>/remove", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def remove_question(slug: str, key: str) -> Any:
    consultation = own_consultation(slug)
    data = definition_data(consultation)
    current = _item_or_404(data, key)
    form = RemoveForm(data={"based_on": version_of(consultation)} if request.method == "GET" else None)
    problems: list[str] = []
    if form.validate_on_submit():
        if is_stale(consultation, form.based_on.data):
            return stale_redirect(consultation)
        _, problems = edit_and_save(consultation, data, lambda edited: editing.remove_item(edited, key))
        if not problems:
            flash("Question removed")
            return back_to_overview(consultation)
    text = "About you questions" if is_about_you_block(current) else current.get("text", key)
    return render_template(
        "officer/builder/remove.html",
        title="Remove a question",
        consultation=consultation,
        form=form,
        heading="Are you sure you want to remove this question?",
        removing=[text],
        problems=problems,
        error_title=bool(problems),
    )
