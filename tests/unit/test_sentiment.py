"""Sentiment of free-text answers: offline, deterministic, rounded, injectable."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from survey.responses.sentiment import (
    NEUTRAL,
    LexiconScorer,
    SentimentScore,
    SentimentScorer,
    default_scorer,
    label_for,
    score_text,
)


class TestScoreText:
    def test_clearly_positive_comment(self) -> None:
        score = score_text("I feel really safe and happy here, great park")
        assert score.label == "positive"
        assert score.compound >= 0.05
        assert score.polarity > 0

    def test_clearly_negative_comment(self) -> None:
        score = score_text("The underpass is terrifying and dangerous at night, awful")
        assert score.label == "negative"
        assert score.compound <= -0.05
        assert score.polarity < 0

    def test_negation_is_understood(self) -> None:
        assert score_text("Not safe at all").label == "negative"

    def test_factual_comment_is_neutral_and_objective(self) -> None:
        score = score_text("The meeting is on Tuesday at the library.")
        assert score == SentimentScore(polarity=0.0, subjectivity=0.0, compound=0.0, label="neutral")

    @pytest.mark.parametrize("text", ["", "   ", "\n\t "])
    def test_empty_or_whitespace_is_all_zeros_and_neutral(self, text: str) -> None:
        assert score_text(text) == NEUTRAL
        assert NEUTRAL == SentimentScore(0.0, 0.0, 0.0, "neutral")

    def test_scores_are_rounded_to_four_places(self) -> None:
        # TextBlob gives -0.8666666... and 0.9666666... for this sentence.
        score = score_text("The underpass is terrifying and dangerous at night, awful")
        assert score.polarity == -0.8667
        assert score.subjectivity == 0.9667
        assert score.compound == -0.8689
        for value in (score.polarity, score.subjectivity, score.compound):
            assert round(value, 4) == value

    def test_scores_stay_in_range(self) -> None:
        for text in ["Brilliant!!! :)", "worst, most horrible, hateful place", "ok", "Knife crime is rising"]:
            score = score_text(text)
            assert -1 <= score.polarity <= 1
            assert 0 <= score.subjectivity <= 1
            assert -1 <= score.compound <= 1

    def test_score_is_frozen(self) -> None:
        with pytest.raises(dataclasses.FrozenInstanceError):
            score_text("fine").label = "negative"  # type: ignore[misc]


class TestLabel:
    @pytest.mark.parametrize(
        ("compound", "label"),
        [
            (0.05, "positive"),
            (0.0499, "neutral"),
            (0.0, "neutral"),
            (-0.0499, "neutral"),
            (-0.05, "negative"),
        ],
    )
    def test_vader_standard_thresholds(self, compound: float, label: str) -> None:
        assert label_for(compound) == label


class TestScorerInjection:
    def test_a_fake_scorer_can_be_passed_in(self) -> None:
        class AlwaysNegative:
            def score(self, text: str) -> SentimentScore:
                return SentimentScore(polarity=-1.0, subjectivity=1.0, compound=-1.0, label="negative")

        fake: SentimentScorer = AlwaysNegative()
        assert score_text("lovely", scorer=fake).label == "negative"

    def test_default_scorer_is_shared_and_lexicon_based(self) -> None:
        assert default_scorer() is default_scorer()
        assert isinstance(default_scorer(), LexiconScorer)
        assert default_scorer().score("great") == score_text("great")


class TestOffline:
    def test_scoring_needs_no_nltk_data_and_no_network(self, tmp_path: Path) -> None:
        script = textwrap.dedent(
            """
            import socket

            def refuse(*args, **kwargs):
                raise OSError("network used")

            socket.socket.connect = refuse
            socket.socket.connect_ex = refuse
            socket.getaddrinfo = refuse

            import nltk
            nltk.data.path[:] = [{empty!r}]

            from survey.responses.sentiment import score_text

            print(score_text("The park is lovely but the lighting is terrible").label)
            print(score_text("I feel safe").label)
            """
        ).format(empty=str(tmp_path))
        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=120,
            env={"NLTK_DATA": str(tmp_path), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
            cwd=Path(__file__).resolve().parents[2],
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["negative", "positive"]
        assert not any(tmp_path.iterdir()), "something was downloaded"
