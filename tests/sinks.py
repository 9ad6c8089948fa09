"""One real HTTP endpoint on 127.0.0.1 for every test that needs an alert target (apprise json://, mmost://).

By default it answers 200. ``script`` scripts the next answers ((status, headers[, delay s]) per request);
``set_mode("error")`` answers 500 to everything, ``set_mode("refuse")`` closes the port (connection refused)
until ``set_mode("ok")``. Every request is recorded with its path, headers, body, status and arrival times
(``keep=False``: none is kept, for long runs); ``on_request(body, arrived)`` is called for every request with its
body and ``time.perf_counter()`` at arrival (the bench's latency sink is built on it).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class HttpEndpoint:
    def __init__(self, port: int = 0, on_request: Callable[[bytes, float], None] | None = None,
                 keep: bool = True) -> None:
        self.on_request = on_request
        self.keep = keep
        self.script: list[tuple] = []
        self.mode = "ok"
        self.requests: list[dict] = []  # {"path", "headers", "body", "status", "at" (time.time()), "mono"}
        self.cond = threading.Condition()
        self.lock = self.cond  # `with sink.lock:` reads a consistent list
        self.port = port
        self.server: ThreadingHTTPServer | None = None
        self._serve()

    def _answer(self) -> tuple:
        if self.mode == "error":
            return 500, {}
        return self.script.pop(0) if self.script else (200, {})

    def _serve(self) -> None:
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                arrived = time.perf_counter()
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with endpoint.cond:
                    status, headers, *delay = endpoint._answer()
                    if endpoint.keep:
                        endpoint.requests.append({"path": self.path, "headers": dict(self.headers), "body": body,
                                                  "status": status, "at": time.time(), "mono": time.monotonic()})
                    endpoint.cond.notify_all()
                if delay:  # a slow target: answer only after this many seconds
                    time.sleep(delay[0])
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"{}")
                except (BrokenPipeError, ConnectionResetError):  # the client timed out first: that is the test
                    pass
                if endpoint.on_request is not None:  # after the answer: the sender does not wait for it
                    endpoint.on_request(body, arrived)

            def log_message(self, *args: object) -> None:
                pass

        ThreadingHTTPServer.allow_reuse_address = True  # "refuse" then "ok" comes back on the same port
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def set_mode(self, mode: str) -> None:
        if mode == "refuse" and self.server is not None:
            self.close()
        elif mode != "refuse" and self.server is None:
            self._serve()
        self.mode = mode

    # what arrived ---------------------------------------------------------------------------------------------
    def accepted(self) -> list[dict]:
        """The requests answered with a 2xx, in arrival order."""
        with self.cond:
            return [r for r in self.requests if r["status"] < 300]

    @property
    def times(self) -> list[float]:
        """Monotonic arrival time of every request."""
        with self.cond:
            return [r["mono"] for r in self.requests]

    @property
    def errors(self) -> int:
        with self.cond:
            return sum(r["status"] >= 500 for r in self.requests)

    def delivered(self) -> list[dict]:
        return [json.loads(r["body"]) for r in self.accepted()]

    json_bodies = delivered

    def texts(self, idempotent: bool = False) -> list[str]:
        """Title and message of every accepted alert (apprise json:// payloads). ``idempotent``: as a receiver
        that honours the ``Idempotency-Key`` header sees them — a repeated key is the same alert again."""
        out, keys = [], set()
        for r in self.accepted():
            key = r["headers"].get("Idempotency-Key")
            if idempotent and key:
                if key in keys:
                    continue
                keys.add(key)
            try:
                d = json.loads(r["body"])
                out.append(f"{d.get('title', '')}\n{d.get('message', '')}")
            except ValueError:
                out.append(r["body"].decode("utf-8", "replace"))
        return out

    def wait_delivered(self, count: int, timeout: float) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: sum(r["status"] < 300 for r in self.requests) >= count, timeout)

    wait_for = wait_delivered

    def wait_text(self, needle: str, timeout: float) -> bool:
        """Until an accepted alert's title or message contains ``needle``: a worker delivers an article's alerts
        concurrently, so which of them arrives first is not fixed."""
        deadline = time.monotonic() + timeout
        while True:
            if any(needle in text for text in self.texts()):
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            with self.cond:
                self.cond.wait(min(left, 0.5))

    def close(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
