"""Bot API requests over aiohttp instead of python-telegram-bot's default httpx.

Measured with bench/telegram_bench.py: httpx's connection pool scans every connection on every request
(httpcore 1.0), which made HTTP the largest cost of a reply; aiohttp halves the bot's CPU time per message.
Only what the bot uses is supported: form-encoded calls, no file uploads or downloads.

Transient failures (no connection, a timeout, HTTP 5xx) are retried here, where the status is known: one
500 or 502 from the Bot API must not lose an answer. The retries are bounded (RETRY_DELAYS, all within
RETRY_WITHIN seconds), so a reply is late by seconds at most before the error handler apologises; a 429 is
not retried here (python-telegram-bot's rate limiter waits out its retry_after), nor is any other 4xx.
"""

from __future__ import annotations

import asyncio
import logging
import time

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 5.0  # seconds, as python-telegram-bot's own default
RETRY_DELAYS = (0.5, 2.0)  # seconds before the second and the third try
RETRY_WITHIN = 10.0  # seconds: no try starts later than this after the first


class AiohttpRequest(BaseRequest):
    def __init__(self, connections: int, timeout: float = DEFAULT_TIMEOUT, *, retry: bool = True) -> None:
        """`retry=False` for getUpdates, whose loop retries with its own backoff (intake.py)."""
        self._connections = connections
        self._timeout = timeout
        self._delays = RETRY_DELAYS if retry else ()
        self._session: aiohttp.ClientSession | None = None
        self.answered_at = float("-inf")  # time.monotonic() of the last HTTP 200: the heartbeat's proof of polling

    @property
    def read_timeout(self) -> float:
        return self._timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections)
            self._session = aiohttp.ClientSession(connector=connector, headers={"User-Agent": self.USER_AGENT})

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        if request_data is not None and request_data.contains_files:
            raise RuntimeError("AiohttpRequest does not upload files")

        def seconds(value: object) -> float | None:
            if value is BaseRequest.DEFAULT_NONE:  # what BaseRequest's docstring says to compare with
                return self._timeout
            return float(value) if isinstance(value, int | float) else None

        # aiohttp has no write timeout; waiting for a free connection counts towards `connect`.
        connect = sum(t for t in (seconds(connect_timeout), seconds(pool_timeout)) if t is not None)
        timeout = aiohttp.ClientTimeout(connect=connect or None, sock_read=seconds(read_timeout))
        data = request_data.json_parameters if request_data is not None else None
        deadline = time.monotonic() + RETRY_WITHIN
        for delay in (*self._delays, None):
            try:
                status, body = await self._once(url, method, data, timeout)
            except NetworkError as error:
                if delay is None or time.monotonic() + delay > deadline:
                    raise
                log.info("Bot API %s: %s; trying again in %.1f s", _method(url), error, delay)
            else:
                if status < 500 or delay is None or time.monotonic() + delay > deadline:
                    return status, body
                log.info("Bot API %s: HTTP %d; trying again in %.1f s", _method(url), status, delay)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable: the last try returns or raises")

    async def _once(
        self, url: str, method: str, data: dict[str, str] | None, timeout: aiohttp.ClientTimeout
    ) -> tuple[int, bytes]:
        assert self._session is not None
        try:
            async with self._session.request(method, url, data=data, timeout=timeout) as response:
                body = await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error
        if response.status == 200:
            self.answered_at = time.monotonic()
        return response.status, body


def _method(url: str) -> str:
    """The Bot API method of a request URL (the URL itself holds the token)."""
    return url.rsplit("/", 1)[-1]
