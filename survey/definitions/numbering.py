"""Question numbers: the one numbering that the printed questionnaire and paper entry share.

A paper form cannot hide a question, so it numbers every question of the definition in order,
conditional ones and the about-you set included: question 7 is question 7 whatever a respondent
answered. The web's "Question 2 of 7" counts only the questions a respondent is shown
(:func:`survey.runner.navigation.position`); paper entry shows these numbers instead, so an officer
typing up a stack of forms sees the number printed beside the question they are copying.
"""

from __future__ import annotations

from survey.definitions.definition import Definition


def question_numbers(definition: Definition) -> dict[str, int]:
    """Each question's id with its number on paper: 1-based, every question in definition order."""
    return {question.id: number for number, question in enumerate(definition.questions, start=1)}
