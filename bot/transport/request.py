"""Bot API requests over aiohttp instead of python-telegram-bot's default httpx.

Measured with bench/telegram_bench.py: httpx's connection pool scans every connection on every request
(httpcore 1.0), which made HTTP the largest cost of a reply; aiohttp halves the bot's CPU time per message.
Only what the bot uses is supported: form-encoded calls, no file uploads or downloads.
"""

from __future__ import annotations

import time

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

DEFAULT_TIMEOUT = 5.0  # seconds, as python-telegram-bot's own default


class AiohttpRequest(BaseRequest):
    def __init__(self, connections: int, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._connections = connections
        self._timeout = timeout
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
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        if request_data is not None and request_data.contains_files:
            raise RuntimeError("AiohttpRequest does not upload files")

        def seconds(value: ODVInput[float]) -> float | None:
            return self._timeout if isinstance(value, DefaultValue) else value

        # aiohttp has no write timeout; waiting for a free connection counts towards `connect`.
        connect = sum(t for t in (seconds(connect_timeout), seconds(pool_timeout)) if t is not None)
        timeout = aiohttp.ClientTimeout(connect=connect or None, sock_read=seconds(read_timeout))
        data = request_data.json_parameters if request_data is not None else None
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
