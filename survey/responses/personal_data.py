"""Finding words that look like someone's personal details in a free-text answer.

Every answer's words are scanned once, when the response is stored (``survey.responses.store``, the
one write path of every channel), for five kinds of thing: UK phone numbers, email addresses, full
postcodes, addresses (a house number and a street) and names (a title and a surname, "my neighbour
Dave", a common first name and a capitalised surname). Only the kinds found are stored, never the
words; a flagged answer waits for an officer to keep it as it is or redact it
(``survey.responses.redaction``), and until then no export or publication quotes it.

This is a net for an officer's eyes, not a guarantee: it prefers a few misses to flagging every
capitalised word. A postcode district ("SE1"), a ward or a street without a number is not personal,
and is not flagged; nor are the national helplines residents mention (999, 101, 0800 555 111).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from survey.signposting.services import national_phone_numbers

#: Each kind, in the words an officer reads ("may contain a phone number").
KIND_LABELS = {
    "name": "a name",
    "phone": "a phone number",
    "email": "an email address",
    "postcode": "a postcode",
    "address": "an address",
}

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# 07700 900123, 020 7946 0958, (01632) 960 001, +44 7700 900123, 0044-20-7946-0958: 10 or 11 digits
# starting 0, or the country code then 9 or 10. Digits may be split by spaces, hyphens, dots, brackets.
_PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s.\-()]{0,2}\d){8,9}(?![\w])")
_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE)
_STREETS = (
    r"(?:road|rd|street|st|avenue|ave|lane|close|drive|way|crescent|gardens|place|court|terrace|grove|"
    r"hill|rise|walk|mews|square|row|parade|green|estate|house|flats|towers?)"
)
# "42 Acacia Avenue", "Flat 3, 12 Station Road": a house number, one to three capitalised words and
# a street word. Lower-case street names count only after "at" or "number" ("lives at 9 park lane"),
# or "there are 2 busy road crossings" would be an address.
_ADDRESS = re.compile(
    rf"\b\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][\w'’-]*\s+){{1,3}}(?i:{_STREETS})\b"
    rf"|(?i:\b(?:at|number|no\.?)\s+\d{{1,4}}[a-z]?,?\s+(?:[a-z][\w'’-]*\s+){{1,3}}{_STREETS}\b)"
    r"|\b(?i:flat)\s+\d{1,4}[A-Za-z]?\b"
)
_TITLED = re.compile(r"\b(?:[Mm]rs?|[Mm]s|Miss|[Mm]x|Dr)\.?\s+[A-Z][a-z'’-]+")
_RELATIONS = (
    r"neighbou?rs?|next door neighbou?rs?|next door|son|daughter|brother|sister|husband|wife|partner|"
    r"boyfriend|girlfriend|friend|mate|cousin|uncle|aunt|landlord|landlady|ex|dad|mum|step ?dad|"
    r"step ?mum|teacher|boss"
)
_RELATED = re.compile(
    rf"\b(?i:my|our|his|her|their|the)\s+(?i:{_RELATIONS})\s*,?\s+(?i:called\s+|named\s+|is\s+)?"
    r"([A-Z][a-z'’-]+)"
)
_PAIR = re.compile(r"\b([A-Z][a-z]+)\s+([A-Z][a-z'’-]+)\b")
#: Capitalised words that follow "my neighbour" without being a name ("my neighbour And I").
_NOT_NAMES = frozenset(
    "And But The He She They It We You Who When Said Says Is Was Has Had Have Keeps Kept Lives "
    "Lived Told Tells Every Always Never Often Once Also Then This That There Here Not Our Their "
    "Your My His Her Sometimes Because As If At On In Of To From With".split()
)
#: Common first names in England and Wales (ONS baby names and the census), for first-and-last pairs.
FIRST_NAMES = frozenset(
    """Adam Adrian Aidan Alan Albert Alex Alexander Alfie Ali Alice Alison Amanda Amber Amelia Amy Andrew
    Andy Angela Ann Anna Anne Anthony Archie Arthur Ashley Barbara Barry Ben Benjamin Beth Bethany
    Billy Brian Callum Carl Caroline Catherine Charles Charlie Charlotte Chloe Chris Christine
    Christopher Claire Colin Connor Craig Daisy Daniel Danny Darren Dave David Dean Debbie Deborah
    Dennis Derek Diane Dominic Donna Dylan Edward Eleanor Elizabeth Ella Ellie Emily Emma Eric Ethan
    Evie Finley Florence Frank Freddie Freya Gary Gavin Gemma Geoff George Georgia Gill Gordon Graham
    Hannah Harry Harvey Hayley Heather Helen Henry Holly Ian Isaac Isabella Isla Ivy Jack Jackie Jacob
    Jade Jake James Jamie Jane Janet Jasmine Jason Jay Jean Jeff Jennifer Jenny Jessica Jim Jimmy Joan
    Joanne Joe Joel John Jonathan Jordan Joseph Josh Joshua Julie Justin Karen Kate Katie Keith Kelly
    Kevin Kieran Kim Kyle Laura Lauren Leah Lee Leo Lewis Liam Lily Lisa Logan Louis Louise Lucy Luke
    Lynn Margaret Maria Mark Martin Mary Mason Matt Matthew Megan Mia Michael Michelle Mike Millie
    Mohammed Muhammad Natalie Nathan Neil Nicola Nicholas Nick Noah Oliver Olivia Oscar Owen Patricia
    Patrick Paul Pauline Peter Phil Philip Phoebe Poppy Rachel Rebecca Richard Rob Robert Robin Ronnie
    Rosie Ross Ruby Ryan Sam Samantha Samuel Sandra Sarah Scott Sean Sharon Shaun Simon Sophie Stacey
    Stephen Steve Steven Stuart Susan Terry Theo Thomas Tim Toby Tom Tommy Tony Tracey Tyler Vicky
    Victoria Wayne William Zara Zoe""".split()
)
#: Second words that make a pair a place or a thing, not a person ("Jack Road", "Victoria Station").
_PLACE_WORDS = frozenset(
    "Road Street Avenue Lane Close Drive Way Crescent Gardens Place Court Terrace Grove Hill Rise Walk "
    "Mews Square Row Parade Green Estate House Park Station Centre Center Hall School Academy College "
    "Library Church Bridge Market Hospital Ward Shopping Precinct Recreation Playing Fields Street's".split()
)


@dataclass(frozen=True)
class Found:
    """One thing that looks like a personal detail: its kind and where it is in the words."""

    kind: str
    start: int
    end: int
    words: str


def find_personal_data(text: str) -> list[Found]:
    """Everything in ``text`` that looks like a personal detail, in the order it appears.

    Overlaps are kept apart by kind (an address's postcode is both), so an officer redacting from the
    list sees each once per kind."""
    found: list[Found] = []
    found += [_found("email", match) for match in _EMAIL.finditer(text)]
    found += [_found("phone", match) for match in _PHONE.finditer(text) if _is_phone(match.group(0))]
    found += [_found("postcode", match) for match in _POSTCODE.finditer(text)]
    found += [_address(match) for match in _ADDRESS.finditer(text)]
    found += [_found("name", match) for match in _TITLED.finditer(text)]
    found += [
        Found("name", match.start(1), match.end(1), match.group(1))
        for match in _RELATED.finditer(text)
        if match.group(1) not in _NOT_NAMES
    ]
    found += [
        _found("name", match)
        for match in _PAIR.finditer(text)
        if match.group(1) in FIRST_NAMES
        and match.group(2) not in _PLACE_WORDS
        and match.group(2) not in _NOT_NAMES
    ]
    found = [item for item in found if not _inside_email(item, found)]
    return sorted(set(found), key=lambda item: (item.start, item.kind))


def personal_data_kinds(text: str | None) -> str | None:
    """The kinds found in ``text`` as stored on the answer ("email,phone"), or None for none."""
    if not text:
        return None
    return kinds_to_column(item.kind for item in find_personal_data(text))


def kinds_to_column(kinds: Iterable[str]) -> str | None:
    return ",".join(sorted(set(kinds))) or None


def kinds_of(column: str | None) -> tuple[str, ...]:
    """The stored kinds as a tuple, in a stable order."""
    return tuple(kind for kind in sorted((column or "").split(",")) if kind)


def describe(kinds: Iterable[str]) -> str:
    """The kinds in words, for an officer: "a name and a phone number"."""
    words = [KIND_LABELS.get(kind, kind) for kind in kinds]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _found(kind: str, match: re.Match[str]) -> Found:
    return Found(kind, match.start(), match.end(), match.group(0).strip())


def _address(match: re.Match[str]) -> Found:
    """The address itself, without the "at" or "number" that showed it was one."""
    lead = _ADDRESS_LEAD.match(match.group(0))
    start = match.start() + (lead.end() if lead else 0)
    return Found("address", start, match.end(), match.string[start : match.end()].strip())


_ADDRESS_LEAD = re.compile(r"(?i:at|number|no\.?)\s+(?=\d)")


def _is_phone(words: str) -> bool:
    digits = re.sub(r"\D", "", words)
    if digits.startswith("44"):
        digits = "0" + digits[2:].removeprefix("0")
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    return digits not in national_phone_numbers() and len(digits) in (10, 11)


def _inside_email(item: Found, found: list[Found]) -> bool:
    """A name or number inside an email address is part of the address, not a second finding."""
    return item.kind != "email" and any(
        other.kind == "email" and other.start <= item.start and item.end <= other.end for other in found
    )
