"""Conditions: show a question only if an earlier choice, ranking or scale answer includes something.

Two pages, one thing each: which earlier question, then which of its answers.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from survey.authoring import builder_questions as questions
from survey.authoring import editing
from survey.authoring.editing import EditError
from survey.question_types.about_you import is_about_you_block
from survey.vocabulary import Role
from webapp.auth import officer_required
from webapp.officer.builder.blueprint import (
    back_to_overview,
    bp,
    definition_data,
    is_stale,
    own_consultation,
    save,
    stale_redirect,
    version_of,
)
from webapp.officer.builder.forms import BuilderForm, ConditionAnswersForm, ConditionQuestionForm


def _question(data: editing.EditableDefinition, key: str) -> dict[str, Any]:
    try:
        current = editing.item(data, key)
    except EditError:
        abort(404)
    if is_about_you_block(current):
        abort(404)
    return current


@bp.route("/questions/<key>/condition", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def condition(slug: str, key: str) -> Any:
    consultation = own_consultation(slug)
    data = definition_data(consultation)
    current = _question(data, key)
    targets = questions.condition_targets(data, key)
    shown_if = current.get("show_if") or {}
    form = ConditionQuestionForm(
        data={"target": shown_if.get("question")} if request.method == "GET" else None
    )
    form.target.choices = [SelectChoice(target["id"], target.get("text", target["id"])) for target in targets]
    if targets and form.validate_on_submit():
        return redirect(url_for(".condition_answers", slug=slug, key=key, target=form.target.data))
    return render_template(
        "officer/builder/condition.html",
        title="Add a condition",
        consultation=consultation,
        form=form,
        question=current,
        targets=targets,
        remove_form=BuilderForm(data={"based_on": version_of(consultation)}),
        key=key,
    )


@bp.route("/questions/<key>/condition/<target>", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def condition_answers(slug: str, key: str, target: str) -> Any:
    consultation = own_consultation(slug)
    data = definition_data(consultation)
    current = _question(data, key)
    chosen = next((entry for entry in questions.condition_targets(data, key) if entry["id"] == target), None)
    if chosen is None:
        abort(404)
    shown_if = current.get("show_if") or {}
    first = {
        "values": shown_if.get("in") if shown_if.get("question") == target else [],
        "based_on": version_of(consultation),
    }
    form = ConditionAnswersForm(data=first if request.method == "GET" else None)
    form.values.choices = [SelectChoice(value, label) for value, label in questions.answer_options(chosen)]
    problems: list[str] = []
    if form.validate_on_submit():
        if is_stale(consultation, form.based_on.data):
            return stale_redirect(consultation)
        questions.set_condition(data, key, target, form.values.data)
        problems = save(consultation, data)
        if not problems:
            flash("Condition saved")
            return back_to_overview(consultation, f"item-{key}")
    return render_template(
        "officer/builder/condition_answers.html",
        title="Which answers show this question?",
        consultation=consultation,
        form=form,
        question=current,
        target=chosen,
        problems=problems,
        error_title=bool(problems),
        key=key,
    )


@bp.route("/questions/<key>/no-condition", methods=["POST"])
@officer_required(Role.ANALYST)
def remove_condition(slug: str, key: str) -> Any:
    consultation = own_consultation(slug)
    data = definition_data(consultation)
    _question(data, key)
    form = BuilderForm()
    if not form.validate_on_submit() or is_stale(consultation, form.based_on.data):
        return stale_redirect(consultation)
    questions.clear_condition(data, key)
    problems = save(consultation, data)
    if problems:
        flash(" ".join(problems), "important")
    else:
        flash("Condition removed: the question is always asked")
    return back_to_overview(consultation, f"item-{key}")
