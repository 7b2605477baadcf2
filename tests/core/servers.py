"""Helpers for tests that talk to real ASGI servers: sessions, free ports, reading SSE."""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from deliberation.workshops.access import SESSION_KEY

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, timeout: float = 30.0, process=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port} after {timeout}s")


def participant_cookies(participant) -> dict[str, str]:
    """Cookies of a browser that joined as this participant (plus a CSRF secret)."""
    session = SessionStore()
    session[SESSION_KEY] = {participant.workshop.code: participant.pk}
    session.create()
    return {"sessionid": session.session_key, "csrftoken": secrets.token_hex(16)}


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def database_url() -> str:
    """The test database, for server processes started by a test."""
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return (
        f"postgres://{s.get('USER') or ''}{password}@{s.get('HOST') or '127.0.0.1'}:"
        f"{s.get('PORT') or 5432}/{s['NAME']}"
    )


def server_environment() -> dict[str, str]:
    """This environment less what the test run sets for itself (Playwright's async escape)."""
    env = dict(os.environ)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def start_uvicorn(port: int, *, env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "deliberation.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--timeout-graceful-shutdown",
            "1",
        ],
        cwd=ROOT,
        env={**server_environment(), **env},
    )
    wait_for_port(port, process=process)
    return process


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class EventStream:
    """A minimal server-sent-events client over http.client."""

    def __init__(self, port: int, path: str, *, cookies: dict[str, str], last_event_id=None):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        headers = {"Cookie": cookie_header(cookies), "Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        self.conn.request("GET", path, headers=headers)
        self.response = self.conn.getresponse()
        self.status = self.response.status

    def next_message(self, *, timeout: float = 5.0) -> dict:
        """The next message with data: {"id", "kinds", "fragments"}."""
        self.conn.sock.settimeout(timeout)
        fields: dict[str, str] = {}
        while True:
            line = self.response.readline().decode()
            if not line:
                raise EOFError("the stream ended")
            line = line.rstrip("\n")
            if line == "":
                if "data" in fields:
                    return {"id": int(fields["id"]), **json.loads(fields["data"])}
                fields = {}
            elif not line.startswith(":") and ": " in line:
                name, value = line.split(": ", 1)
                fields[name] = value

    def close(self) -> None:
        self.conn.close()


def post(port: int, path: str, data: dict, *, cookies: dict[str, str], htmx=True):
    from urllib.parse import urlencode

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {
        "Cookie": cookie_header(cookies),
        "X-CSRFToken": cookies["csrftoken"],
        "Content-Type": "application/x-www-form-urlencoded",
    }
    if htmx:
        headers["HX-Request"] = "true"
    conn.request("POST", path, body=urlencode(data), headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body
