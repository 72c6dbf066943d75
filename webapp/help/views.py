"""Get help: the public pages listing who can help with what.

The public pages and the bot read the same directory
(:func:`survey.signposting.local_services.partnership_directory`) and filter by the same age
bands, so both always point people to the same places.
"""

from __future__ import annotations

from typing import Any

from flask import abort, render_template, request

from survey.signposting.local_services import AGE_BANDS, partnership_directory, services_for
from survey.signposting.phones import tel_href
from survey.signposting.services import HelpTopic, Service
from webapp.help.blueprint import bp
from webapp.public import texts
from webapp.public.language import current_language, t
from webapp.public.site import current_site_partnership


@bp.route("/help")
def index() -> Any:
    directory = partnership_directory(current_site_partnership())
    return render_template("help/index.html", title=t(texts.GET_HELP), topics=directory.topics())


@bp.route("/help/<topic>")
def topic(topic: str) -> Any:
    if topic not in {t.value for t in HelpTopic}:
        abort(404)
    chosen = HelpTopic(topic)
    age = request.args.get("age")
    age = age if age in AGE_BANDS else None
    services = services_for(partnership_directory(current_site_partnership()), chosen, age)
    return render_template(
        "help/topic.html", title=t(chosen.label), topic=chosen, age=age, age_bands=AGE_BANDS,
        services=[(service, contact_links(service)) for service in services],
    )


def contact_links(service: Service) -> list[dict[str, str | None]]:
    """Each contact as words to show and, where a phone can follow it, a link (``tel:`` or the web)."""
    links = []
    for contact in service.contacts:
        href = None
        if contact.kind == "phone":
            href = tel_href(contact.value)
        elif contact.kind == "web":
            href = contact.value
        words = contact.in_words(current_language().code)
        # The first letter up, the rest as written ("Text SHOUT to 85258", not "Text shout to 85258").
        label = contact.label or words[:1].upper() + words[1:]
        links.append({"label": label, "value": contact.value, "href": href, "kind": contact.kind})
    return links
