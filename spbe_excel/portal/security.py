"""Secrets and the defences every response carries.

Tokens are random (192 bits), stored only as their SHA-256 and compared in
constant time.  The rate limit counts requests per token in a sliding
window, in memory (one server process)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque

TOKEN_BYTES = 24  # 192 bits; the issue asks for at least 128


def new_token() -> str:
    """A random token, safe in a URL."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def same(a: str, b: str) -> bool:
    """Constant-time comparison of two hashes (or any two strings)."""
    return hmac.compare_digest(a.encode(), b.encode())


def find_token(token: str, hashes: dict[str, str]) -> str | None:
    """The key of ``hashes`` (key -> token hash) whose hash is ``token``'s;
    every hash is compared, in constant time, whether or not one matched."""
    wanted = token_hash(token)
    found = None
    for key, stored in hashes.items():
        if same(wanted, stored) and found is None:
            found = key
    return found


class RateLimit:
    """At most ``limit`` requests per ``window`` seconds per key."""

    def __init__(self, limit: int, window: float = 60.0):
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._swept = time.monotonic()

    def allow(self, key: str) -> bool:
        if self.limit <= 0:
            return True
        now = time.monotonic()
        with self._lock:
            if now - self._swept > self.window:  # keys not seen for a window are forgotten (one client after
                self._swept = now  # the other would otherwise leave a counter each, for ever)
                since = now - self.window
                self._hits = defaultdict(deque, {k: h for k, h in self._hits.items() if h and h[-1] > since})
            hits = self._hits[key]
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True

    def retry_after(self, key: str) -> int:
        with self._lock:
            hits = self._hits.get(key)
            if not hits:
                return 1
            return max(1, int(hits[0] + self.window - time.monotonic()) + 1)


CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeaders:
    """ASGI middleware: the headers of :data:`HEADERS` on every response."""

    def __init__(self, app):
        self.app = app
        self._raw = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [(k, v) for k, v in self._raw if k not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)
