"""The ``help`` blueprint, shared by the public help pages and the administrators' editor of the
same directory (its endpoints, ``help.index`` to ``help.edit_services``, are linked everywhere)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("help", __name__)
