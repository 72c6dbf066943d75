"""Normalising free text before the safeguarding patterns read it.

Lower case, accents stripped, leetspeak undone ("k1ll"), repeated letters collapsed ("kiiill" -> "kil"),
contractions and text-speak spelt out ("im" -> "i am"), and words of other languages (those young
people mix into English, and the chat's own Welsh, Polish and Urdu, in Urdu script too) turned into the
English the patterns look for ("bije mnie" -> "hits me", "مجھے ڈر لگ رہا ہے" -> "i am scared").
"""

from __future__ import annotations

import re
import unicodedata

from survey.safeguarding.lexicon import PHRASES, TEXT_SPEAK, URDU_SCRIPT
from survey.safeguarding.lexicon.words import COUNTED, NUMBER_WORDS

_REPEATED_LETTER = re.compile(r"([a-z])\1+")


def collapse(text: str) -> str:
    """Repeated letters collapsed to one: patterns and text both pass through this."""
    return _REPEATED_LETTER.sub(r"\1", text)


_EMOJI = {"\N{HOCHO}": " knife ", "\N{DAGGER KNIFE}": " knife ", "\N{PISTOL}": " gun "}
_NO_DECOMPOSITION = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "’": "'"})
_CONTRACTION = re.compile(r"(?<![a-z])(can|won)[’']t|n[’']t(?![a-z])|[’'](ll|re|ve|m|d)(?![a-z])|[’']")
_CONTRACTED = {"can": "can not", "won": "will not", "ll": " will", "re": " are", "ve": " have", "m": " am",
               "d": " would"}
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s", "!": "i"})
_MAYBE_SPECIAL = re.compile(r"[0134@$!'*._-]")
_HAS_LEET = re.compile(r"[a-z][0134@$!]|[0134@$][a-z]")
_LEET_TOKEN = re.compile(r"[a-z0-9@$!]*[a-z][a-z0-9@$!]*|[@$][a-z0-9@$!]+")
_PUNCTUATION_IN_WORD = re.compile(r"(?<=[a-z])[*.\-_](?=[a-z])")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_TEXT_SPEAK = {collapse(key): collapse(value) for key, value in TEXT_SPEAK.items()}
_PHRASES = {tuple(collapse(key).split()): collapse(value).split() for key, value in PHRASES.items()}
_PHRASE_FIRST_WORDS = {words[0] for words in _PHRASES}
_LONGEST_PHRASE = max(len(words) for words in _PHRASES)


def _expand_contraction(match: re.Match[str]) -> str:
    if match.group(1):
        return _CONTRACTED[match.group(1)]
    if match.group(0)[0] == "n":
        return " not"
    return _CONTRACTED.get(match.group(2) or "", "")


_COUNT_WITH_SUFFIX = re.compile(r"\d+(?:s|st|nd|rd|th|am|pm|k|yo|yrs?|mins?|hrs?)")


def _unleet(match: re.Match[str]) -> str:
    token = match.group(0)
    if token in TEXT_SPEAK or _COUNT_WITH_SUFFIX.fullmatch(token):  # "b4", "m8", "30s", "10pm": not leetspeak
        return token
    word = token.rstrip("!")
    return word.translate(_LEET) + token[len(word):]


def _spell_out(words: list[str]) -> list[str]:
    """Text-speak spelt out; "4" is "for" unless a count follows it ("4 days")."""
    out: list[str] = []
    for i, word in enumerate(words):
        if word in NUMBER_WORDS:
            following = words[i + 1] if i + 1 < len(words) else ""
            out.append(word if following in COUNTED or following.isdigit() else NUMBER_WORDS[word])
        else:
            out.extend(_TEXT_SPEAK.get(word, word).split())
    return out


def _translate(words: list[str]) -> list[str]:
    return _replace_phrases(words, _PHRASES, _LONGEST_PHRASE, _PHRASE_FIRST_WORDS)


def _replace_phrases(words: list[str], table: dict[tuple[str, ...], list[str]], longest: int,
                     first_words: set[str]) -> list[str]:
    """Replace the longest known phrase starting at each word; one dictionary look-up per length tried."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in first_words:
            for length in range(min(longest, len(words) - i), 0, -1):
                meaning = table.get(tuple(words[i:i + length]))
                if meaning is not None:
                    out.extend(meaning)
                    i += length
                    break
            else:
                out.append(words[i])
                i += 1
        else:
            out.append(words[i])
            i += 1
    return out


_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
# One spelling of each Urdu letter (phones type Arabic or Persian forms), short vowels and joiners dropped.
_URDU_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ه": "ہ", "ة": "ہ", "ۀ": "ہ", "ۂ": "ہ",
                               "\u200c": None, "\u200d": None, "\u0640": None,
                               **{chr(mark): None for mark in [*range(0x064B, 0x0660), 0x0670]}})
_NOT_URDU_WORD = re.compile(r"[^\w\s]")


def _urdu_words(words: list[str]) -> dict[tuple[str, ...], list[str]]:
    return {tuple(key.translate(_URDU_LETTERS).split()): value.split() for key, value in words}


_URDU_PHRASES = _urdu_words(list(URDU_SCRIPT.items()))
_LONGEST_URDU = max(len(words) for words in _URDU_PHRASES)
_URDU_FIRST_WORDS = {words[0] for words in _URDU_PHRASES}


def _from_urdu_script(text: str) -> str:
    """Urdu-script words read as the English the patterns look for (longest phrase first); other words,
    Latin script included, are kept for the steps that follow (which drop what is not Latin)."""
    words = _NOT_URDU_WORD.sub(" ", text.translate(_URDU_LETTERS)).split()
    return " ".join(_replace_phrases(words, _URDU_PHRASES, _LONGEST_URDU, _URDU_FIRST_WORDS))


def normalise(text: str) -> str:
    """Lower-case, de-accented, de-leeted, letter-collapsed words separated by single spaces.

    >>> normalise("He's got a KNIIIFE!! 🔪")
    'he is got a knife knife'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    if not text.isascii():
        if _ARABIC_SCRIPT.search(text):
            text = _from_urdu_script(text)
        for emoji, word in _EMOJI.items():
            text = text.replace(emoji, word)
        text = text.translate(_NO_DECOMPOSITION)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    if _MAYBE_SPECIAL.search(text):  # skip three passes for plain words, the usual case
        text = _CONTRACTION.sub(_expand_contraction, text)
        if _HAS_LEET.search(text):
            text = _LEET_TOKEN.sub(_unleet, text)
        text = _PUNCTUATION_IN_WORD.sub("", text)
    words = collapse(_NOT_WORD.sub(" ", text)).split()
    if "2" in words or "4" in words:
        words = _spell_out(words)
    else:  # the usual case, one pass
        words = " ".join([_TEXT_SPEAK.get(word, word) for word in words]).split()
    if not _PHRASE_FIRST_WORDS.isdisjoint(words):
        words = _translate(words)
    return " ".join(words)
