"""The printable questionnaire: a consultation's definition as a paper form to hand out at events.

:mod:`.questions` turns the definition into what the paper says (every question numbered as
:func:`survey.definitions.numbering.question_numbers` numbers it, with its instruction, its boxes
and its conditions in words); :mod:`.pdf` lays that out with reportlab, in standard or large print;
:mod:`.texts` holds the words.
"""
