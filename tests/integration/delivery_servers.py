"""Real servers on 127.0.0.1 for delivery tests: a scripted HTTP endpoint and an SMTP server (aiosmtpd)."""

from __future__ import annotations

import json
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


class ScriptedEndpoint:
    """Answers each POST with the next scripted (status, headers), then 200; records every request."""

    def __init__(self, port: int = 0) -> None:
        self.script: list[tuple] = []  # (status, headers[, delay seconds]) per request, then 200
        self.requests: list[dict] = []
        self.times: list[float] = []
        self.cond = threading.Condition()
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with endpoint.cond:
                    status, headers, *delay = endpoint.script.pop(0) if endpoint.script else (200, {})
                    endpoint.requests.append({"path": self.path, "body": body, "status": status})
                    endpoint.times.append(time.monotonic())
                    endpoint.cond.notify_all()
                if delay:  # a slow target: answer only after this many seconds
                    time.sleep(delay[0])
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"{}")
                except (BrokenPipeError, ConnectionResetError):  # the client timed out first: that is the test
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def delivered(self) -> list[dict]:
        with self.cond:
            return [json.loads(r["body"]) for r in self.requests if r["status"] < 300]

    def wait_delivered(self, count: int, timeout: float) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: sum(r["status"] < 300 for r in self.requests) >= count, timeout)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Mailbox:
    """An SMTP server (aiosmtpd) on 127.0.0.1 keeping every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def close(self) -> None:
        self.controller.stop()

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
