"""A tiny stand-in for the Telegram Bot API, for the container smoke test (scripts/image-test.sh).

Standard library only, so it runs inside the bot's own image. It serves `/bot<token>/<method>` the way
api.telegram.org does, enough for python-telegram-bot to start, long-poll and send replies:

  getMe, deleteWebhook, getWebhookInfo, getUpdates (long polling, honours offset/timeout),
  sendMessage / editMessageText / ... (recorded and answered with a Message), anything else -> true.

Messages given with --message LANG:TEXT are queued as updates from distinct private chats (chat id
1001, 1002, ... with Telegram's language_code LANG). Recorded calls are served at GET /_test/calls.

    python3 fake_telegram_api.py serve --port 8081 --message "en:What is IOM?" --message "uk:Що таке МОМ?"
    python3 fake_telegram_api.py calls --port 8081        # prints recorded calls, one JSON per line

It binds to 127.0.0.1 only: the test runs it in a container without a network (loopback only) and
shares that network namespace with the bot's container.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOT_USER = {
    "id": 123456,
    "is_bot": True,
    "first_name": "Test Bot",
    "username": "iom_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
MAX_WAIT = 5.0  # seconds a getUpdates call is held open at most (Telegram: up to `timeout`)


class State:
    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.updates: list[dict] = []
        self.calls: list[dict] = []
        self.next_update_id = 1
        self.next_message_id = 1

    def queue_message(self, chat_id: int, lang: str, text: str) -> None:
        with self.cond:
            user = {"id": chat_id, "is_bot": False, "first_name": "Tester", "language_code": lang}
            self.updates.append(
                {
                    "update_id": self.next_update_id,
                    "message": {
                        "message_id": self.next_message_id,
                        "date": int(time.time()),
                        "chat": {"id": chat_id, "type": "private", "first_name": "Tester"},
                        "from": user,
                        "text": text,
                    },
                }
            )
            self.next_update_id += 1
            self.next_message_id += 1
            self.cond.notify_all()


STATE = State()


def _chat_id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass  # quiet: the bot's token is in every request path

    def _send(self, status: int, payload) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _params(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        ctype = self.headers.get("Content-Type", "")
        params: dict = {}
        if "json" in ctype and raw:
            params = json.loads(raw)
        elif raw:
            params = {k: v[-1] for k, v in urllib.parse.parse_qs(raw.decode(), keep_blank_values=True).items()}
        query = urllib.parse.urlsplit(self.path).query
        params.update({k: v[-1] for k, v in urllib.parse.parse_qs(query).items()})
        return params

    def do_GET(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def _dispatch(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path == "/_test/calls":
            with STATE.cond:
                self._send(200, STATE.calls)
            return
        parts = path.strip("/").split("/")
        if len(parts) != 2 or not parts[0].startswith("bot"):
            self._send(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        method = parts[1]
        params = self._params()
        result = self._call(method, params)
        self._send(200, {"ok": True, "result": result})

    def _call(self, method: str, params: dict):
        lower = method.lower()
        if lower == "getupdates":
            return self._get_updates(params)
        with STATE.cond:
            STATE.calls.append({"method": method, "params": params, "time": time.time()})
        if lower == "getme":
            return BOT_USER
        if lower == "getwebhookinfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        if lower == "getmycommands":
            return []
        if (lower.startswith("send") and lower != "sendchataction") or lower.startswith("edit"):
            chat_id = _chat_id(params.get("chat_id"))
            with STATE.cond:
                message_id = STATE.next_message_id
                STATE.next_message_id += 1
            return {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private", "first_name": "Tester"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
        return True

    def _get_updates(self, params: dict):
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), MAX_WAIT)
        deadline = time.monotonic() + wait
        with STATE.cond:
            # Telegram forgets updates below the offset once it is confirmed.
            STATE.updates = [u for u in STATE.updates if u["update_id"] >= offset]
            while not STATE.updates and time.monotonic() < deadline:
                STATE.cond.wait(deadline - time.monotonic())
            limit = int(params.get("limit") or 100)
            return STATE.updates[:limit]


def serve(args) -> None:
    for n, spec in enumerate(args.message):
        lang, _, text = spec.partition(":")
        STATE.queue_message(1001 + n, lang, text)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"fake Telegram Bot API on 127.0.0.1:{args.port}, {len(args.message)} message(s) queued", flush=True)
    server.serve_forever()


def calls(args) -> None:
    with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/_test/calls", timeout=5) as resp:
        for call in json.load(resp):
            print(json.dumps(call, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_serve = sub.add_parser("serve")
    p_serve.add_argument("--port", type=int, default=8081)
    p_serve.add_argument("--message", action="append", default=[], metavar="LANG:TEXT")
    p_serve.set_defaults(func=serve)
    p_calls = sub.add_parser("calls")
    p_calls.add_argument("--port", type=int, default=8081)
    p_calls.set_defaults(func=calls)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
