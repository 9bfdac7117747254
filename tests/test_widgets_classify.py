"""Classify it (learning_regions.widgets.classify): the quiz's scoring (pure
logic), the kernel-free view and the widget."""

from __future__ import annotations

import pytest
from widgetcheck import shown_figure

from learning_regions.widgets import classify
from learning_regions.widgets.classify import ClassifyIt, Quiz, check_answer, classify_static_view, examples
from learning_regions.widgets.furniture import LAYERS


def test_quiz_scores_each_statement_once():
    quiz = Quiz.new()
    first = quiz.current
    wrong = next(layer for layer in LAYERS if layer != first.answer)
    feedback = quiz.answer(wrong)
    assert feedback.counted and not feedback.correct and first.explanation in feedback.message
    again = quiz.answer(first.answer)
    assert not again.counted and "Already answered" in again.message
    assert (quiz.right, quiz.answered) == (0, 1)
    quiz.next()
    assert quiz.answer(quiz.current.answer.upper()).correct  # 'PLACE' is read as 'place'
    assert (quiz.right, quiz.answered) == (1, 2)
    assert sum(r + w for r, w in quiz.tally().values()) == 2


@pytest.mark.parametrize("choice", [None, "", "economy", 3, ["place"]])
def test_an_invalid_choice_is_explained_not_scored(choice):
    feedback = check_answer(examples()[0], choice)
    assert not feedback.counted and "Choose" in feedback.message


def test_quiz_wraps_round_and_can_be_shuffled_reproducibly():
    quiz = Quiz.new()
    for _ in range(len(quiz.items)):
        quiz.next()
    assert quiz.position == 0
    assert [e.example_id for e in Quiz.new(7).items] == [e.example_id for e in Quiz.new(7).items]


def test_classify_it_checks_scores_and_moves_on():
    c = ClassifyIt()
    first = c.quiz.current
    c.check_button.click()  # nothing chosen
    assert "pick one" in c.message and c.quiz.answered == 0
    c.choice.value = first.answer
    c.check_button.click()
    assert "Yes" in c.feedback.value and "1 of 1" in c.score.value
    bars = shown_figure(c)["data"][0]["y"]
    assert sum(bars) == 1
    c.next_button.click()
    assert c.quiz.current != first and c.choice.value is None and c.feedback.value == ""
    assert "Statement 2 of" in c.statement.value
    c.restart_button.click()
    assert c.quiz.answered == 0 and "nothing answered" in c.score.value


def test_classify_it_restart_keeps_the_shuffle():
    c = ClassifyIt(shuffle_seed=3)
    order = [e.example_id for e in c.quiz.items]
    assert order != [e.example_id for e in examples()]  # seed 3 does reorder the statements
    c.next_button.click()
    c.restart()
    assert [e.example_id for e in c.quiz.items] == order and c.quiz.position == 0


def test_classify_static_view_hides_each_answer_and_needs_no_javascript():
    markup = classify_static_view()._repr_html_()
    assert markup.count("<details>") == len(examples())
    assert "<script" not in markup.lower() and "onclick" not in markup.lower()


def test_data_text_is_escaped_in_static_html(monkeypatch):
    hostile = classify.Example("x", "<img src=x onerror=alert(1)>", "place", "a & b", "oecd1999", "¶1")
    monkeypatch.setattr(classify.static, "examples", lambda: [hostile])
    markup = classify_static_view()._repr_html_()
    assert "<img" not in markup and "&lt;img" in markup and "a &amp; b" in markup
