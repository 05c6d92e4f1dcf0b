"""Extraction work grows linearly with the input, whatever its shape (issue 11).

Work is counted, not timed: the number of Python function calls extraction makes is deterministic, so four times
the text must cost about four times the calls (a quadratic step would cost sixteen)."""

from __future__ import annotations

import sys

import pytest

LINEAR_BOUND = 4.5  # four times the text: 4× the calls plus slack for fixed costs; quadratic work lands near 9–16×


def calls_to_extract(run, text: str) -> int:
    """Python function calls made while every default extractor analyses `text`."""
    count = 0

    def profile(frame, event, arg) -> None:
        nonlocal count
        count += event == "call"

    sys.setprofile(profile)
    try:
        run(text)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("unit", [
    "我们用Midjourney生成图片，云岫科技推出了Zeta Studio，AI游戏策划需要懂Prompt。",  # one long article of sentences
    "Midjourney、Stable Diffusion和ChatGPT",  # an unbroken entity-dense line
    "Midjourney、",  # a comma list
    "Zeta Studio 2、Foo Bar、",  # unknown Latin names with versions
    "a",  # one long Latin run
])
def test_four_times_the_text_is_about_four_times_the_work(run, unit: str) -> None:
    repeats = max(1, 2000 // len(unit))
    small, large = calls_to_extract(run, unit * repeats), calls_to_extract(run, unit * repeats * 4)
    assert large / small < LINEAR_BOUND, f"{large / small:.1f}× the work for 4× the text {unit!r}"
