"""Regression guard: the matcher must not get worse on the development set.

The floors are the figures measured when the set was built (see the report in
dedupe/quality.py's evaluate) minus a small margin.
"""

import pytest

from dedupe.quality import THRESHOLD, evaluate

OVERALL = {"precision": 0.96, "recall": 0.95}
PER_SCRIPT = {
    "arabic": {"precision": 0.97, "recall": 0.96},
    "cyrillic": {"precision": 0.955, "recall": 0.94},
    "latin": {"precision": 0.94, "recall": 0.935},
    "pashto": {"precision": 0.955, "recall": 0.95},
    "persian": {"precision": 0.975, "recall": 0.94},
    "tigrinya": {"precision": 0.98, "recall": 0.955},
}


@pytest.fixture(scope="module")
def figures():
    return evaluate(THRESHOLD)


def test_development_set_is_large_and_evaluated_on_shared_birth_dates(figures):
    assert figures["pairs"] > 7000
    assert set(figures["per_script"]) == set(PER_SCRIPT)


def test_overall_precision_and_recall_meet_the_goal(figures):
    assert figures["precision"] >= OVERALL["precision"]
    assert figures["recall"] >= OVERALL["recall"]


@pytest.mark.parametrize("script", sorted(PER_SCRIPT))
def test_precision_and_recall_per_script_do_not_drop(figures, script):
    measured = figures["per_script"][script]
    assert measured["precision"] >= PER_SCRIPT[script]["precision"]
    assert measured["recall"] >= PER_SCRIPT[script]["recall"]


def test_matcher_beats_plain_jaro_winkler_and_phonetic_codes(figures):
    for baseline in figures["baselines"].values():
        assert figures["recall"] > baseline["recall"] + 0.2
        assert figures["precision"] > baseline["precision"]
