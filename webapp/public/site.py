"""What every page's layout needs: the partnership whose site this is, its name in the header, and
the navigation for a visitor or a signed-in officer."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date
from flask import g, request, url_for
from flask_login import current_user

from survey.partnerships import site_partnership
from survey.storage.models import Partnership
from survey.vocabulary import Role
from webapp.database import app_state, db_session
from webapp.public import texts
from webapp.public.language import current_language, t

PRODUCT_NAME = "Safer Voices"
LOCAL_TIME = ZoneInfo("Europe/London")


def current_site_partnership() -> Partnership | None:
    """The partnership whose public pages these are (looked up once per request)."""
    if "site_partnership" not in g:
        g.site_partnership = site_partnership(db_session(), app_state().settings.site_partnership)
    return g.site_partnership


def layout_context() -> dict[str, Any]:
    """The template variables ``base.html`` reads on every page.

    When the database cannot be reached (the "service is busy" page), the layout asks it nothing:
    the header says Safer Voices and the menu offers the home page only.
    """
    if g.get("database_unavailable"):
        return {"site_name": PRODUCT_NAME, "home_endpoint": "public.home",
                "navigation_items": lambda: [{"text": t(texts.HOME), "href": url_for("public.home")}]}
    partnership = _header_partnership()
    return {
        "site_name": partnership.name if partnership else PRODUCT_NAME,
        "home_endpoint": "public.home",
        "navigation_items": _navigation_items,
        "local_date": local_date,
    }


def local_date(day: dt.date) -> str:
    """``3 December 2026`` (a moment: its day in UK time), the month named in the page's language."""
    if isinstance(day, dt.datetime):
        day = day.astimezone(LOCAL_TIME).date()
    code = current_language().code
    if code == "en":
        return f"{day:%-d %B %Y}"
    return format_date(day, "d MMMM y", locale=code)


def _header_partnership() -> Partnership | None:
    if current_user.is_authenticated:
        return current_user.officer.partnership
    return current_site_partnership()


def _navigation_items() -> list[dict[str, Any]]:
    if current_user.is_authenticated:
        items = [("Dashboard", "officer.dashboard"), ("Hotspots", "officer_hotspots.hotspots"),
                 ("Safe havens", "officer_havens.havens_list")]
        items.insert(1, ("Consultations", "officer_consultations.consultations_list"))
        items.insert(1, ("Reports", "officer_reports.inbox_page"))
        items += [("Action plan", "officer_plans.plan_page"), ("Tensions", "officer_tensions.overview")]
        items.append(("Local services", "help.services_list"))
        items.append(("Data sharing", "officer_sharing.sharing_page"))
        if current_user.role.allows(Role.ADMIN):
            items += [("Officers", "officer.officers_list"), ("Audit log", "officer.audit_log")]
            items.append(("Boundary", "officer_havens.boundary"))
        items.append(("Data retention", "officer_retention.retention_page"))
        items.append(("Personal details review", "officer_redaction.review_list"))
        items.append(("Settings", "officer_settings.settings_page"))
        items.append(("Sign out", "auth.sign_out"))
    else:
        # Visitors' menu, in the page's language (officers' menu above stays English).
        items = [(t(texts.HOME), "public.home")]
        items += [(t(texts.SAFE_SPACES_MAP), "places.safe_spaces"),
                  (t(texts.SAFE_HAVENS), "places.safe_havens")]
        items.append((t(texts.GET_HELP), "help.index"))
    return [
        {"text": label, "href": url_for(endpoint), "active": request.endpoint == endpoint}
        for label, endpoint in items
    ]
