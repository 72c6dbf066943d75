"""Keep the catalogues in step with the texts: ``python -m survey.translations.tool extract|fill|missing``.

- ``extract``: every marked text (babel.cfg) into ``messages.pot``, and each language's ``.po`` updated
  (new texts added untranslated, texts no longer used dropped).
- ``fill FILE.json ...``: translations from files shaped
  ``{"English text": {"cy": ..., "pl": ..., "ur": ...}}`` written into the ``.po`` files (how a
  translator's or a helper's work comes in).
- ``missing``: every text a language lacks; exits 1 when there is any (``make translations`` prints it).

The test ``tests/unit/test_translations_complete.py`` fails when a public text is not translated into
every language, or when a translation drops or invents a ``{placeholder}`` or ``%(placeholder)s``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from survey.languages import CODES, SOURCE, TRANSLATIONS, catalogue_path

ROOT = TRANSLATIONS.parent.parent
TEMPLATE = TRANSLATIONS / "messages.pot"
KEYWORDS = ("N_", "t", "translate")
OTHER_CODES = tuple(code for code in CODES if code != SOURCE)


def extract(output: Path = TEMPLATE, root: Path = ROOT) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", "extract", "--no-location", "--sort-by-file",
               "--omit-header", "-F", str(root / "babel.cfg"), "-o", str(output), "-w", "110"]
    for keyword in KEYWORDS:
        command += ["-k", keyword]
    subprocess.run([*command, str(root)], check=True, cwd=root, capture_output=True)


def read(path: Path, code: str | None = None) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=code)


def write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        write_po(target, catalog, width=110, omit_header=False, sort_output=False)


def update() -> None:
    """Bring each language's catalogue in step with the template, keeping every translation it has."""
    template = read(TEMPLATE)
    for code in OTHER_CODES:
        path = catalogue_path(code)
        catalog = read(path, code) if path.exists() else Catalog(locale=code, project="Safer Voices")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        write(path, catalog)


def fill(files: list[Path]) -> int:
    """Write the translations in ``files`` into the catalogues; how many were written."""
    wanted: dict[str, dict[str, str]] = {}
    for file in files:
        for english, languages in json.loads(file.read_text(encoding="utf-8")).items():
            wanted.setdefault(english, {}).update(languages)
    written = 0
    for code in OTHER_CODES:
        path = catalogue_path(code)
        catalog = read(path, code)
        for message in catalog:
            # A plural text is keyed by its singular, with every form of the language in a list.
            key = message.id if isinstance(message.id, str) else message.id[0]
            if key and code in wanted.get(key, {}):
                value = wanted[key][code]
                message.string = tuple(value) if isinstance(message.id, tuple) else value
                message.flags.discard("fuzzy")
                written += 1
        write(path, catalog)
    return written


def missing() -> dict[str, list[str]]:
    """The English texts each language has no translation for."""
    found: dict[str, list[str]] = {}
    for code in OTHER_CODES:
        catalog = read(catalogue_path(code), code)
        gaps = [message.id for message in catalog if message.id and not _translated(message)]
        if gaps:
            found[code] = [gap if isinstance(gap, str) else gap[0] for gap in gaps]
    return found


def _translated(message) -> bool:  # noqa: ANN001 - a babel Message
    if "fuzzy" in message.flags:
        return False
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"extract", "fill", "missing"}:
        print(__doc__)
        return 2
    if argv[0] == "extract":
        extract()
        update()
        return 0
    if argv[0] == "fill":
        print(f"{fill([Path(name) for name in argv[1:]])} translations written")
        return 0
    gaps = missing()
    for code, texts in gaps.items():
        print(f"{code}: {len(texts)} texts to translate")
        for text in texts:
            print(f"  {text!r}")
    return 1 if gaps else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
