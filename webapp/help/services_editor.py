"""The administrators' editor of their partnership's local services (``/officer/services``): the
list the public help pages and the bot read."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from survey.officers.audit import record_event
from survey.signposting.local_services import partnership_directory, update_local_services
from survey.signposting.services import HelpTopic, ServicesError, dump_local
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.help.blueprint import bp

MAX_SERVICES_YAML = 100_000


class ServicesForm(FlaskForm):
    services_yaml = TextAreaField(
        "Local services",
        widget=GovTextArea(),
        validators=[Length(max=MAX_SERVICES_YAML,
                           message=f"Local services must be {MAX_SERVICES_YAML:,} characters or fewer")],
    )
    submit = SubmitField("Save local services", widget=GovSubmitInput())


@bp.route("/officer/services", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def edit_services() -> Any:
    me = signed_in_officer()
    partnership = me.partnership
    form = ServicesForm()
    if form.validate_on_submit():
        try:
            directory = update_local_services(db_session(), partnership, form.services_yaml.data or "")
        except ServicesError as error:
            form.services_yaml.errors = [str(error)]
        else:
            record_event(db_session(), partnership_id=me.partnership_id, officer_id=me.id,
                         action="services_updated", target_type="partnership", target_id=partnership.id,
                         details={"local_services": len(directory.local())})
            return redirect(url_for("help.edit_services", saved=1))
    elif request.method == "GET":
        form.services_yaml.data = partnership.local_services_yaml or ""
    local = partnership_directory(partnership).local()
    return render_template("officer/services.html", title="Local services", form=form, local=local,
                           saved=request.args.get("saved") == "1" and not form.errors,
                           example=dump_local(local[:1]) if local else EXAMPLE,
                           topics=", ".join(topic.value for topic in HelpTopic))


EXAMPLE = """services:
  - id: youth_hub
    name: Our Youth Hub
    description: Youth workers you can talk to after school.
    topics: [bullying, knives_weapons, something_else]
    min_age: 11
    max_age: 19
    contacts:
      - {kind: phone, value: "01632 960100", label: Call or text}
    hours: Monday to Friday 3pm to 9pm
"""
