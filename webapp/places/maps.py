"""What every page with a map needs: its settings, its data, and the headers that let it work.

Templates call ``allow_map(tile_url, geolocation=...)`` while rendering; it adds the tile host to
this response's ``img-src`` and, on pages that offer "Use my location", allows geolocation for
this site only. So whichever view renders a map template (the consultation flow renders the
location question), the page's headers follow. It also writes, once a page, the maps' words in the
page's language (``<script type="application/json" id="sv-map-texts">``): the scripts have none
of their own.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from flask import g
from markupsafe import Markup

from survey.boundary import Boundary, boundary_of
from survey.places.safe_havens import havens_geojson, public_havens
from survey.storage.models import Partnership, SafeHaven
from webapp.database import app_state, db_session
from webapp.places.texts import map_texts
from webapp.public.language import current_language

_ATTRIBUTE_ESCAPES = str.maketrans({"&": "\\u0026", "<": "\\u003c", ">": "\\u003e", "'": "\\u0027"})
GEOLOCATION_SELF = "geolocation=(self), camera=(), microphone=(), interest-cohort=()"


def tile_origin(tile_url: str | None) -> str | None:
    """The origin to allow in ``img-src`` for a tile URL template (``{s}`` subdomains as ``*``)."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url.replace("{s}", "*"))
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def map_settings() -> dict[str, Any]:
    settings = app_state().settings
    return {"tile_url": settings.map_tile_url, "tile_attribution": settings.map_tile_attribution}


def allow_map(tile_url: str | None, *, geolocation: bool = False) -> Markup:
    """Let this response load tiles from ``tile_url``'s host (and use geolocation, if asked); the
    first call on a page gives the maps' words to write into it."""
    origin = tile_origin(tile_url)
    if origin and origin not in g.get("csp_img_src", ()):
        g.csp_img_src = (*g.get("csp_img_src", ()), origin)
    if geolocation:
        g.permissions_policy = GEOLOCATION_SELF
    if g.get("map_texts_written"):
        return Markup("")
    g.map_texts_written = True
    return Markup('<script type="application/json" id="sv-map-texts">{}</script>').format(
        map_json(map_texts()))


def map_json(value: Any) -> Markup:
    """Compact JSON for a single-quoted ``data-`` attribute (``<``, ``>``, ``&`` and ``'`` escaped)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return Markup(text.translate(_ATTRIBUTE_ESCAPES))


def boundary_json(boundary: Boundary | None) -> Markup:
    return map_json(boundary.to_geojson()) if boundary is not None else Markup("")


def select_items(options: Any, placeholder: str) -> list[dict[str, str]]:
    """``govukSelect`` items for question options, after an empty placeholder choice."""
    return [{"value": "", "text": placeholder}] + [
        {"value": option.value, "text": option.label} for option in options
    ]


def location_question_context(partnership: Partnership | None) -> dict[str, Any]:
    """What ``consult/questions/location.html`` needs besides the question, values and errors."""
    havens: list[SafeHaven] = public_havens(db_session(), partnership.id) if partnership else []
    return {"boundary": boundary_of(partnership), "tile_url": app_state().settings.map_tile_url,
            "havens": havens}


def page_havens_geojson(havens: list[SafeHaven]) -> dict[str, Any]:
    """The havens for a map layer, each kind of place in the page's language."""
    return havens_geojson(havens, code=current_language().code)


#: What map templates call while rendering (public places, the location question, the officers' maps).
TEMPLATE_GLOBALS = {
    "allow_map": allow_map, "map_settings": map_settings, "map_json": map_json,
    "boundary_json": boundary_json, "havens_geojson": page_havens_geojson, "select_items": select_items,
}
