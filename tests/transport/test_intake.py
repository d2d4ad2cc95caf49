"""The backoff of the update loop and of connecting: growing waits, and a warning when the problem changes,
not at every try."""

from __future__ import annotations

import logging

from bot.transport.intake import FIRST_DELAY, MAX_DELAY, Backoff


def test_waits_grow_to_a_cap_and_the_same_problem_is_logged_once(caplog) -> None:
    caplog.set_level(logging.INFO)
    backoff = Backoff("getUpdates")
    delays = [backoff.failed("Bad Gateway") for _ in range(10)]
    assert delays[0] == FIRST_DELAY and delays == sorted(delays) and delays[-1] == MAX_DELAY
    backoff.failed("Conflict")  # a different problem: logged at once
    backoff.succeeded()
    backoff.succeeded()
    messages = [r.getMessage() for r in caplog.records]
    assert [m.split(" (")[1].split(")")[0] for m in messages if "failed" in m] == ["Bad Gateway", "Conflict"]
    assert messages.count("getUpdates works again") == 1
    assert backoff.failed("Bad Gateway") == FIRST_DELAY  # after a success, the waits start small again
