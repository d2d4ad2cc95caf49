from __future__ import annotations

from bot.transport.ratelimit import UserRateLimiter, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_burst_then_one_notice_then_silence_then_refill() -> None:
    clock = Clock()
    limiter = UserRateLimiter(burst=3, per_second=0.5, clock=clock)
    assert [limiter.check(1) for _ in range(6)] == [Verdict.ALLOW] * 3 + [Verdict.NOTIFY] + [Verdict.DROP] * 2
    assert limiter.check(2) is Verdict.ALLOW  # others are not affected
    clock.now = 2.0  # one token back
    assert limiter.check(1) is Verdict.ALLOW
    assert limiter.check(1) is Verdict.NOTIFY  # a new streak gets a new notice


def test_idle_users_are_forgotten_when_many(monkeypatch) -> None:
    monkeypatch.setattr("bot.transport.ratelimit.MAX_TRACKED", 10)
    clock = Clock()
    limiter = UserRateLimiter(burst=2, per_second=1.0, clock=clock)
    for user in range(10):
        limiter.check(user)
    clock.now = 5.0
    limiter.check(99)
    assert len(limiter._buckets) == 1
