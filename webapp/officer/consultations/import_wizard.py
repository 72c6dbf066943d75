"""The officer import wizard: upload another tool's export, check how its columns are matched,
see what it would add, then import it.

1. ``import/upload``: the file (CSV, .xlsx, .ods), the tool (or "work it out") and a sheet name.
2. ``import/matches``: a table of the columns, each with the question it goes to, sample answers and
   how many cells will not map; a select box per column changes its match ("Check again").
3. ``import/check``: the responses and answers per option it would add, every problem by row and
   column (a trial run of the import, rolled back); posting it queues the import for the background
   worker, all or nothing unless "store the rows without problems" is ticked.
4. ``import/jobs/<token>``: how far the import has got, refreshing itself while it runs; then what
   was stored, or the problems and that nothing was.

From the matches on, ``import/mapping`` downloads the mapping file the command line's
``--save-mapping`` writes, for next year's export of the same form.

Every step reads the kept file again (:mod:`.import_uploads`), so nothing but the officer's choices
lives between pages. The same rules as the command line: a file imported before is refused unless the
officer ticks that they mean it; identifying columns are never stored; the import is audited; the
file is deleted once the worker has imported it (or failed to).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from pathlib import PurePath
from typing import Any

from flask import abort, flash, make_response, redirect, render_template, request, url_for

from survey.consultations import definition_of
from survey.definitions.definition import Definition
from survey.responses.csv_import import ImportFileError
from survey.responses.csv_mapping import IGNORE
from survey.responses.imports.fingerprints import earlier_import, fingerprint
from survey.responses.imports.plan import REFERENCE, SUBMITTED_AT, ImportPlan, mapping_yaml, plan_import
from survey.responses.imports.presets import PRESETS, detect_tool
from survey.responses.imports.preview import leave_out, preview
from survey.responses.imports.run import ImportChoices, trial_import
from survey.responses.imports.spreadsheets import SUFFIXES, read_table
from survey.responses.imports.translate import translate
from survey.storage.models import Consultation
from survey.vocabulary import Role
from survey.worker.imports import Failure, ImportJob, JobState, import_job, queue_import
from survey.worker.teller import task_queue
from webapp.auth import officer_required, signed_in_officer
from webapp.database import app_state, db_session
from webapp.officer.consultations import import_texts as texts
from webapp.officer.consultations.import_forms import AUTO, ImportForm, MatchesForm, UploadForm
from webapp.officer.consultations.import_uploads import (
    LIFETIME_SECONDS,
    Upload,
    current_upload,
    discard,
    hand_over,
    keep_upload,
)
from webapp.officer.consultations.views import MAX_ERRORS_SHOWN, _own_consultation, bp

IDENTIFYING = "identifies people"
#: How often the status page of a running import asks again (a meta refresh: no JavaScript needed).
REFRESH_SECONDS = 3


@bp.route("/<slug>/import/upload", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def import_upload(slug: str) -> Any:
    consultation = _own_consultation(slug)
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.responses_file.data
        data = upload.read()
        suffix = PurePath(upload.filename or "").suffix.lower()
        sheet = (form.sheet.data or "").strip() or None
        tool = None if form.tool.data == AUTO else form.tool.data
        try:
            if suffix == ".csv" and sheet:
                raise ImportFileError(texts.SHEET_OF_CSV)
            read_table(data, f"upload{suffix}", sheet)  # refused here, before it is kept, if unreadable
        except ImportFileError as error:
            form.responses_file.errors = [str(error)]
        else:
            keep_upload(consultation.id, data, suffix, tool, sheet)
            return redirect(url_for(".import_matches", slug=slug))
    return render_template("officer/consultations/import_upload.html", title=texts.UPLOAD_TITLE, form=form,
                           consultation=consultation, suffixes=",".join(SUFFIXES))


@bp.route("/<slug>/import/matches", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def import_matches(slug: str) -> Any:
    consultation = _own_consultation(slug)
    upload, records = _kept(consultation)
    if upload is None:
        return redirect(url_for(".import_upload", slug=slug))
    definition = definition_of(consultation)
    form = MatchesForm()
    choice_errors: dict[int, str] = {}
    if form.validate_on_submit():
        choice_errors = _read_choices(definition, records, upload)
        upload.save()
    _, result = preview(definition, records, upload.tool, overrides=_valid(definition, records, upload))
    if form.submit.data and not choice_errors and not result.problems:
        return redirect(url_for(".import_check", slug=slug))
    unmatched = {column.header for column in result.columns if column.target is None}
    errors = {**{column.index: texts.CHOOSE_TARGET.format(header=column.header)
                 for column in result.columns if column.target is None and form.submit.data},
              **choice_errors}
    return render_template(
        "officer/consultations/import_matches.html", title=texts.MATCHES_TITLE, form=form,
        consultation=consultation, result=result, choices=target_choices(definition), errors=errors,
        identifying=IDENTIFYING, texts=texts, tool=_tool_title(result.tool),
        problems=[problem for problem in result.problems if problem.column not in unmatched],
    )


@bp.route("/<slug>/import/check", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def import_check(slug: str) -> Any:
    consultation = _own_consultation(slug)
    upload, records = _kept(consultation)
    if upload is None:
        return redirect(url_for(".import_upload", slug=slug))
    definition = definition_of(consultation)
    plan, result = preview(definition, records, upload.tool, overrides=_valid(definition, records, upload))
    if result.problems:
        return redirect(url_for(".import_matches", slug=slug))
    table = translate(plan)
    print_ = fingerprint(upload.read() or b"", table.references)
    earlier = earlier_import(db_session(), consultation, print_)
    form = ImportForm()
    if form.validate_on_submit():
        if earlier is not None and not form.allow_duplicate.data:
            form.allow_duplicate.errors = [_duplicate(earlier.imported_at)]
        else:
            token = _queue_import(consultation, upload, len(table.records) - 1, form)
            return redirect(url_for(".import_status", slug=slug, token=token), code=303)
    # Every problem the import's own rules find, shown before anything is stored (a trial run).
    found = trial_import(db_session(), consultation, table)
    leave_out(definition, table, result, found.rejected_rows)
    result.errors = found.errors
    return render_template(
        "officer/consultations/import_check.html", title=texts.CHECK_TITLE, form=form,
        consultation=consultation, result=result, counts=_counts(definition, result.counts),
        duplicate=earlier is not None, duplicate_text=_duplicate(earlier.imported_at) if earlier else None,
        texts=texts, max_errors=MAX_ERRORS_SHOWN,
        tool=_tool_title(result.tool),
    )


@bp.route("/<slug>/import/mapping")
@officer_required(Role.ANALYST)
def import_mapping(slug: str) -> Any:
    """The mapping file the command line's ``--save-mapping`` writes, with the officer's changes: next
    year's export of the same form imports with it (``--mapping``) and the same matches."""
    consultation = _own_consultation(slug)
    upload, records = _kept(consultation)
    if upload is None:
        return redirect(url_for(".import_upload", slug=slug))
    definition = definition_of(consultation)
    plan = _plan(definition, records, upload)
    for index, target in _valid(definition, records, upload).items():
        plan.override(index, target)
    response = make_response(mapping_yaml(plan.mapping()))
    response.mimetype = "application/yaml"
    response.headers["Content-Disposition"] = f'attachment; filename="{slug}-column-mapping.yaml"'
    return response


@bp.route("/<slug>/import/jobs/<token>")
@officer_required(Role.ANALYST)
def import_status(slug: str, token: str) -> Any:
    """How far the import has got (the page refreshes itself while it runs), then what was stored or
    why nothing was. Only the consultation's own partnership finds its jobs."""
    consultation = _own_consultation(slug)
    job = import_job(task_queue(app_state().settings), token)
    owner = (consultation.id, consultation.partnership_id)
    if job is None or (job.consultation_id, job.partnership_id) != owner:
        abort(404)
    definition = definition_of(consultation)
    counts = Counter({(question, option): count for question, option, count in job.counts})
    # WCAG 2.2.1: the officer can turn the timed refresh off (a screen reader starts again at each one).
    refreshing = not job.finished and request.args.get("refresh") != "off"
    return render_template(
        "officer/consultations/import_status.html", title=_status_title(job), consultation=consultation,
        job=job, counts=_counts(definition, counts), texts=texts, max_errors=MAX_ERRORS_SHOWN,
        failure=_failure(job), refresh_seconds=REFRESH_SECONDS if refreshing else None,
    )


def target_choices(definition: Definition) -> list[tuple[str, str]]:
    """Every target a column may go to, as ``(target, what an officer reads)``."""
    choices = [(IGNORE, texts.IGNORE), (SUBMITTED_AT, texts.SUBMITTED_AT), (REFERENCE, texts.REFERENCE)]
    for question in definition.questions:
        choices.append((question.id, texts.WHOLE_QUESTION.format(question=question.text)))
        if question.type in ("multiple_choice", "ranking"):
            choices.extend((f"{question.id}[{option.value}]",
                            texts.GRID_OPTION.format(question=question.text, option=option.label))
                           for option in question.all_options)
        if question.type == "ranking":
            choices.extend((f"{question.id}[{rank}]",
                            texts.GRID_RANK.format(question=question.text, rank=rank))
                           for rank in range(1, question.rank + 1))
    return choices


def _kept(consultation: Consultation) -> tuple[Upload | None, list[list[str]]]:
    """The wizard's state and the kept file's rows; ``None`` (with a message) when it is gone."""
    upload = current_upload(consultation.id)
    data = upload.read() if upload is not None else None
    if upload is None or data is None:
        if upload is not None:
            discard(consultation.id)
            flash(texts.FILE_GONE.format(minutes=LIFETIME_SECONDS // 60))
        return None, []
    return upload, read_table(data, f"upload{upload.suffix}", upload.sheet)


def _read_choices(definition: Definition, records: list[list[str]], upload: Upload) -> dict[int, str]:
    """Take the select boxes into ``upload.overrides``; the problems, by column index."""
    plan = _plan(definition, records, upload)
    errors: dict[int, str] = {}
    overrides: dict[str, str] = {}
    for column in plan.columns:
        # A select box left out of the post (not a browser's doing) keeps the officer's earlier choice.
        chosen = request.form.get(f"column-{column.index}", upload.overrides.get(str(column.index), ""))
        if column.how == IDENTIFYING or not chosen or chosen == column.target:
            continue
        try:
            plan.override(column.index, chosen)
        except ValueError as error:
            errors[column.index] = str(error)
        else:
            overrides[str(column.index)] = chosen
    upload.overrides = overrides
    return errors


def _valid(definition: Definition, records: list[list[str]], upload: Upload) -> dict[int, str]:
    """The officer's changes that still apply (a definition changed since is not an error here)."""
    plan = _plan(definition, records, upload)
    valid = {}
    for index, target in upload.overrides_by_index.items():
        try:
            plan.override(index, target)
        except (ValueError, IndexError):
            continue
        valid[index] = target
    return valid


def _plan(definition: Definition, records: list[list[str]], upload: Upload) -> ImportPlan:
    """The columns as matched before the officer's changes (nothing translated: cheap)."""
    tool = upload.tool or detect_tool(list(records[0]) if records else [])
    return plan_import(definition, records, PRESETS[tool])


def _counts(
    definition: Definition, counts: Counter[tuple[str, str]]
) -> list[tuple[str, list[tuple[str, int]]]]:
    """``[(question text, [(option label, answers), ...]), ...]`` in the consultation's order."""
    grouped = []
    for question in definition.questions:
        rows = [(option.label, counts[(question.id, option.value)]) for option in question.all_options
                if counts[(question.id, option.value)]]
        if rows:
            grouped.append((question.text, rows))
    return grouped


def _queue_import(consultation: Consultation, upload: Upload, rows: int, form: ImportForm) -> str:
    """Hand the kept file to the worker as an import job; its random token names the status page."""
    choices = ImportChoices(upload.suffix, upload.tool, upload.sheet, upload.overrides_by_index,
                            skip_invalid=form.skip_invalid.data, allow_duplicate=form.allow_duplicate.data)
    job = ImportJob(secrets.token_hex(16), consultation.partnership_id, consultation.id,
                    signed_in_officer().id, str(upload.path), choices, rows=rows)
    hand_over(consultation.id)  # the session forgets the file, and a new upload does not delete it
    queue_import(task_queue(app_state().settings), job)
    return job.token


def _status_title(job: ImportJob) -> str:
    if not job.finished:
        return texts.IMPORTING_TITLE
    return texts.DONE_TITLE if job.state is JobState.DONE else texts.NOT_IMPORTED_TITLE


def _failure(job: ImportJob) -> str | None:
    """What the page says about a job that stored nothing, in a whole sentence."""
    if job.failure is None:
        return None
    if job.failure is Failure.IMPORTED_BEFORE:
        return _duplicate(job.imported_before)
    if job.failure is Failure.UNREADABLE:
        return texts.FAILED_UNREADABLE.format(reason=job.message)
    return {Failure.PROBLEMS: texts.NOTHING_STORED, Failure.FILE_GONE: texts.FAILED_FILE_GONE,
            Failure.CONSULTATION_GONE: texts.FAILED_CONSULTATION_GONE}.get(job.failure, texts.FAILED_BROKE)


def _duplicate(imported_at: dt.datetime) -> str:
    return texts.DUPLICATE_FILE.format(date=f"{imported_at:%d %B %Y at %H:%M} UTC")


def _tool_title(name: str) -> str:
    return PRESETS[name].title
