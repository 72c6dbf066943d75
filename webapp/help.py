"""Get help: the public pages listing who can help with what, and the officers' services editor.

The public pages and the bot read the same directory
(:func:`survey.signposting.local_services.partnership_directory`) and filter by the same age
bands, so both always point people to the same places.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Flask, abort, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from survey.officers.audit import record_event
from survey.signposting.local_services import (
    AGE_BANDS,
    partnership_directory,
    services_for,
    update_local_services,
)
from survey.signposting.services import HelpTopic, Service, ServicesError, dump_local
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.public import current_site_partnership

bp = Blueprint("help", __name__)

MAX_SERVICES_YAML = 100_000


class ServicesForm(FlaskForm):
    services_yaml = TextAreaField(
        "Local services",
        widget=GovTextArea(),
        validators=[Length(max=MAX_SERVICES_YAML,
                           message=f"Local services must be {MAX_SERVICES_YAML:,} characters or fewer")],
    )
    submit = SubmitField("Save local services", widget=GovSubmitInput())


@bp.route("/help")
def index() -> Any:
    directory = partnership_directory(current_site_partnership())
    return render_template("help/index.html", title="Get help", topics=directory.topics())


@bp.route("/help/<topic>")
def topic(topic: str) -> Any:
    if topic not in {t.value for t in HelpTopic}:
        abort(404)
    chosen = HelpTopic(topic)
    age = request.args.get("age")
    age = age if age in AGE_BANDS else None
    services = services_for(partnership_directory(current_site_partnership()), chosen, age)
    return render_template(
        "help/topic.html", title=chosen.label, topic=chosen, age=age, age_bands=AGE_BANDS,
        services=[(service, contact_links(service)) for service in services],
    )


def contact_links(service: Service) -> list[dict[str, str | None]]:
    """Each contact as words to show and, where a phone can follow it, a link (``tel:`` or the web)."""
    links = []
    for contact in service.contacts:
        href = None
        digits = re.sub(r"\s", "", contact.value)
        if contact.kind == "phone" and digits.isdigit():
            href = f"tel:{digits}"
        elif contact.kind == "web":
            href = contact.value
        label = contact.label or contact.in_words().capitalize()
        links.append({"label": label, "value": contact.value, "href": href, "kind": contact.kind})
    return links


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


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
