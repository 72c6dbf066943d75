"""UK phone numbers and web addresses as officers type them: checked, and made into links.

A number is kept as the officer wrote it (spaces and all, so "0808 2000 247" reads as the service
prints it); :func:`tel_href` gives the ``tel:`` link every channel shows it as. A number is accepted
when, with spaces, dashes, dots and brackets taken out and a leading +44 or 0044 read as 0, it is:

* 999, 112, 111, 101, 105 or 119 (the three-digit emergency and public service numbers);
* 116 and three digits (the European helplines: Samaritans' 116 123);
* 0800 1111 (Childline, the one seven-digit freephone number in use);
* 0 then 9 or 10 digits, starting 01, 02, 03, 05, 07, 08 or 09 (landlines, mobiles, freephone and
  non-geographic numbers; a few small areas and freephone numbers have one digit fewer).

A number for texting may also be a short code of five or six digits (85258, SHOUT's).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

PHONE_EXAMPLE = "like 01632 960 001, 07700 900 982 or 0808 800 5000"
_SEPARATORS = re.compile(r"[\s\-.()]")
_SHORT_NUMBERS = frozenset({"999", "112", "111", "101", "105", "119", "08001111"})
_NATIONAL = re.compile(r"^0[1235789]\d{8,9}$")
_EUROPEAN_HELPLINE = re.compile(r"^116\d{3}$")
_SHORT_CODE = re.compile(r"^\d{5,6}$")
_TEXT_MESSAGE = re.compile(r"^(?:(?P<word>\S.*?)\s+to\s+)?(?P<number>[+\d][\d\s\-.()]*)$", re.IGNORECASE)
URL_MAX_LENGTH = 500


def uk_number(text: str) -> str | None:
    """The digits to dial for ``text`` (``"01632960001"``), or ``None`` if it is not a UK number."""
    digits = _SEPARATORS.sub("", text.strip().replace("(0)", ""))
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    if not digits.isdigit():
        return None
    if digits in _SHORT_NUMBERS or _EUROPEAN_HELPLINE.match(digits) or _NATIONAL.match(digits):
        return digits
    return None


def tel_href(text: str) -> str | None:
    """The ``tel:`` link for a UK number as written (``None`` if it is not one)."""
    digits = uk_number(text)
    return f"tel:{digits}" if digits else None


def phone_problem(text: str) -> str | None:
    """Why ``text`` is not a UK phone number, in GOV.UK words, or ``None`` when it is one."""
    if uk_number(text) is None:
        return f"Enter a UK phone number, {PHONE_EXAMPLE}"
    return None


def text_message_problem(text: str) -> str | None:
    """Why ``text`` is not a way to text a service ("SHOUT to 85258", "07700 900 982"), or ``None``."""
    match = _TEXT_MESSAGE.match(" ".join(text.split()))
    number = match["number"].strip() if match else ""
    if not match or not (uk_number(number) or _SHORT_CODE.match(_SEPARATORS.sub("", number))):
        return "Enter the number to text, like 07700 900 982, or a word and the number, like SHOUT to 85258"
    return None


def website_problem(text: str) -> str | None:
    """Why ``text`` is not a web address a resident can safely open, or ``None`` when it is one."""
    if len(text) > URL_MAX_LENGTH:
        return f"Website must be {URL_MAX_LENGTH} characters or fewer"
    if any(character.isspace() for character in text):
        return "Website must not have spaces in it"
    parts = urlsplit(text)
    if parts.scheme.lower() != "https":
        return "Enter a website address that starts with https://, like https://www.example.org.uk"
    host = parts.hostname or ""
    if "." not in host or host.startswith(".") or host.endswith(".") or parts.username or parts.password:
        return "Enter a real website address, like https://www.example.org.uk"
    return None
