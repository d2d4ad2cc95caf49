"""`iom-bot healthcheck`: exit 0 only while the bot's update loop turns; the container's HEALTHCHECK.

It runs as a separate process beside the bot (docker exec, with the same environment), so it judges by
what the bot leaves behind: the heartbeat file its event loop touches while updates are being fetched
(bot/transport/health.py), not older than HEARTBEAT_MAX_AGE, and in webhook mode the bot's own GET /healthz.
One line on stdout either way: Docker keeps it in the container's health log.
"""

from __future__ import annotations

import argparse
import time

HTTP_TIMEOUT = 3.0  # seconds; Docker's own timeout for the whole check is 10 s


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("healthcheck", help="exit 0 if the running bot is alive, else 1 with the reason")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from bot.config import ConfigError, Settings

    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        return unhealthy(f"configuration: {exc}")
    path = settings.heartbeat_path
    assert path is not None  # from_env always names one
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return unhealthy(f"no heartbeat at {path} (is the bot running?)")
    except OSError as exc:
        return unhealthy(f"cannot read the heartbeat: {exc}")
    if age > settings.heartbeat_max_age:
        limit = settings.heartbeat_max_age
        return unhealthy(f"heartbeat {path} is {age:.0f} s old (limit {limit:g} s): the update loop is not turning")
    if settings.webhook_url:
        try:
            import urllib.request  # only in webhook mode: keeps every other command's start-up short

            with urllib.request.urlopen(settings.healthz_url, timeout=HTTP_TIMEOUT) as response:
                response.read()
        except OSError as exc:  # refused, timed out, or an HTTP error (503 while the bot stops)
            return unhealthy(f"{settings.healthz_url}: {exc}")
    print(f"healthy: heartbeat {age:.0f} s old" + (", /healthz answers" if settings.webhook_url else ""))
    return 0


def unhealthy(reason: str) -> int:
    print(f"unhealthy: {reason}")
    return 1
