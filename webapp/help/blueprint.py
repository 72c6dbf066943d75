"""The ``help`` blueprint, shared by the public help pages and the officers' editor of the
same directory (its endpoints, ``help.index`` to ``help.services_list``, are linked everywhere)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("help", __name__)
