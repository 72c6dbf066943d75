"""The builder's summary page, the start page's details, and pages (add, rename, move, remove)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from survey.authoring import editing
from survey.authoring.builder_questions import ABOUT_YOU, answer_options
from survey.authoring.editing import EditError
from survey.consultations import definition_of, response_counts
from survey.languages import BY_CODE
from survey.question_types.about_you import is_about_you_block
from survey.vocabulary import DefinitionKind, Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.builder.blueprint import (
    back_to_overview,
    bp,
    definition_data,
    edit_and_save,
    is_stale,
    own_consultation,
    preview_url,
    save,
    stale_redirect,
    version_of,
    yaml_url,
)
from webapp.officer.builder.forms import (
    ABOUT_YOU_LABELS,
    MOVES,
    TYPE_CHOICES,
    DetailsForm,
    MoveForm,
    PageForm,
    RemoveForm,
)

TYPE_LABELS = {value: label for value, label, _hint in TYPE_CHOICES}


@bp.route("")
@officer_required(Role.VIEWER)
def overview(slug: str, problems: list[str] | None = None) -> Any:
    consultation = own_consultation(slug)
    data = definition_data(consultation)
    responses = response_counts(db_session(), [consultation.id])[consultation.id]
    return render_template(
        "officer/builder/overview.html",
        title=f"Build: {consultation.title}",
        consultation=consultation,
        data=data,
        pages=_summary(data),
        responses=responses,
        problems=problems or [],
        error_title=bool(problems),
        can_edit=signed_in_officer().role.allows(Role.ANALYST),
        move_form=MoveForm(data={"based_on": version_of(consultation)}),
        preview_url=preview_url(slug) if consultation.kind == DefinitionKind.CONSULTATION else None,
        yaml_url=yaml_url(slug),
        untranslated=[(BY_CODE[code].english_name, len(texts))
                      for code, texts in definition_of(consultation).missing_texts().items()],
    )


def _summary(data: editing.EditableDefinition) -> list[dict[str, Any]]:
    """Each page with its items as the summary shows them: key, text, kind and condition."""
    texts: dict[str, tuple[str, dict[str, Any]]] = {}
    shown = []
    for page in editing.pages(data):
        items = []
        for entry in page.get("questions") or []:
            key = editing.item_key(entry)
            if is_about_you_block(entry):
                names = [ABOUT_YOU_LABELS.get(name, name) for name in entry.get("about_you") or []]
                items.append(
                    {
                        "key": key,
                        "text": "About you",
                        "kind": ABOUT_YOU,
                        "kind_label": "About you questions",
                        "detail": "; ".join(names),
                        "condition": None,
                    }
                )
                continue
            texts[key] = (entry.get("text", ""), entry)
            items.append(
                {
                    "key": key,
                    "text": entry.get("text", ""),
                    "kind": entry.get("type"),
                    "kind_label": TYPE_LABELS.get(entry.get("type", ""), entry.get("type")),
                    "detail": "Must be answered" if entry.get("required") else "Optional",
                    "condition": _condition_text(entry.get("show_if"), texts),
                }
            )
        shown.append({"title": page.get("title"), "items": items})
    return shown


def _condition_text(show_if: Any, texts: dict[str, tuple[str, dict[str, Any]]]) -> str | None:
    if not isinstance(show_if, dict):
        return None
    target_text, target = texts.get(show_if.get("question", ""), (show_if.get("question", ""), {}))
    labels = dict(answer_options(target)) if target else {}
    answers = " or ".join(f"\u2018{labels.get(value, value)}\u2019" for value in show_if.get("in") or [])
    return f"Only if the answer to \u2018{target_text}\u2019 includes {answers}"


@bp.route("/details", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def details(slug: str) -> Any:
    consultation = own_consultation(slug)
    data = definition_data(consultation)
    form = DetailsForm(
        data={
            "title": data.get("title"),
            "intro": data.get("intro"),
            "privacy_notice": data.get("privacy_notice"),
            "based_on": version_of(consultation),
        }
        if request.method == "GET"
        else None
    )
    problems: list[str] = []
    if form.validate_on_submit():
        if is_stale(consultation, form.based_on.data):
            return stale_redirect(consultation)
        editing.set_details(
            data, title=form.title.data, intro=form.intro.data, privacy_notice=form.privacy_notice.data
        )
        problems = save(consultation, data)
        if not problems:
            flash("Title, introduction and privacy notice saved")
            return back_to_overview(consultation)
    return render_template(
        "officer/builder/details.html",
        title="Title, introduction and privacy notice",
        consultation=consultation,
        form=form,
        problems=problems,
        error_title=bool(problems),
    )


@bp.route("/pages/new", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def new_page(slug: str) -> Any:
    consultation = own_consultation(slug)
    data = definition_data(consultation)
    form = PageForm(data={"based_on": version_of(consultation)} if request.method == "GET" else None)
    if form.validate_on_submit():
        # A page cannot be empty: it is stored with its first question.
        number = len(editing.pages(data)) + 1
        return redirect(url_for(".choose_type", slug=slug, page=number, page_title=form.title.data or None))
    return render_template(
        "officer/builder/page.html",
        title="Add a page",
        consultation=consultation,
        form=form,
        heading="Add a page",
    )


@bp.route("/pages/<int:page>", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def rename_page(slug: str, page: int) -> Any:
    consultation = own_consultation(slug)
    data = definition_data(consultation)
    shown = _page_or_404(data, page)
    form = PageForm(
        data={"title": shown.get("title"), "based_on": version_of(consultation)}
        if request.method == "GET"
        else None
    )
    form.submit.label.text = "Save"
    problems: list[str] = []
    if form.validate_on_submit():
        if is_stale(consultation, form.based_on.data):
            return stale_redirect(consultation)
        editing.rename_page(data, page - 1, form.title.data)
        problems = save(consultation, data)
        if not problems:
            flash(f"Page {page} saved")
            return back_to_overview(consultation, f"page-{page}")
    return render_template(
        "officer/builder/page.html",
        title=f"Page {page} title",
        consultation=consultation,
        form=form,
        heading=f"Page {page} title",
        problems=problems,
        error_title=bool(problems),
    )


def _page_or_404(data: editing.EditableDefinition, page: int) -> dict[str, Any]:
    try:
        return editing.page_at(data, page - 1)
    except EditError:
        abort(404)


@bp.route("/pages/<int:page>/move", methods=["POST"])
@officer_required(Role.ANALYST)
def move_page(slug: str, page: int) -> Any:
    consultation = own_consultation(slug)
    data = definition_data(consultation)
    _page_or_404(data, page)
    form = MoveForm()
    if not form.validate_on_submit() or is_stale(consultation, form.based_on.data):
        return stale_redirect(consultation)
    step = MOVES[form.direction.data]
    _, problems = edit_and_save(consultation, data, lambda edited: editing.move_page(edited, page - 1, step))
    if problems:
        return overview(slug, problems=problems)
    flash(f"Page {page} moved {form.direction.data}")
    return back_to_overview(consultation, f"page-{page + step}")


@bp.route("/pages/<int:page>/remove", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def remove_page(slug: str, page: int) -> Any:
    consultation = own_consultation(slug)
    data = definition_data(consultation)
    shown = _page_or_404(data, page)
    form = RemoveForm(data={"based_on": version_of(consultation)} if request.method == "GET" else None)
    problems: list[str] = []
    if form.validate_on_submit():
        if is_stale(consultation, form.based_on.data):
            return stale_redirect(consultation)
        _, problems = edit_and_save(consultation, data, lambda edited: editing.remove_page(edited, page - 1))
        if not problems:
            flash(f"Page {page} removed")
            return back_to_overview(consultation)
    questions = [entry.get("text") or "About you questions" for entry in shown.get("questions") or []]
    return render_template(
        "officer/builder/remove.html",
        title=f"Remove page {page}",
        consultation=consultation,
        form=form,
        heading=f"Are you sure you want to remove page {page}?",
        removing=questions,
        problems=problems,
        error_title=bool(problems),
    )
