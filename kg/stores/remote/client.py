"""A small HTTP client for triple stores on `requests`: pooled keep-alive connections, a deadline on every call.

One `requests.Session` whose `HTTPAdapter` keeps up to `pool_size` connections per store. Every call has
a deadline: the connect and read timeouts are the time left when it is sent, and before each read of the
body the socket's timeout is set to the time left again, so no call outlives its deadline. Answers are
streamed (read as they arrive). Credentials (given by the caller, read from the environment by the CLI or
the app factory) are sent as the store's `WWW-Authenticate` challenge asks: Digest (`HTTPDigestAuth`, as
Virtuoso's authenticated endpoints need) or Basic (`HTTPBasicAuth`), remembered per origin. Bodies are
bytes or a seekable binary file, always sent with a Content-Length (Virtuoso 7 ignores chunked bodies).
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.auth import HTTPBasicAuth, HTTPDigestAuth
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import ReadTimeoutError

CHUNK = 1 << 16


class StoreUnreachable(Exception):
    """The store could not be reached, or the connection broke mid-call."""


class StoreDeadline(Exception):
    """The call did not end before its deadline."""


@dataclass(frozen=True)
class Credentials:
    """A user name and password for the store (from the environment, never the command line)."""

    user: str
    password: str

    @classmethod
    def from_env(cls, environ=None, user_var: str = "KG_STORE_USER", password_var: str = "KG_STORE_PASSWORD"):
        """The credentials in `user_var`/`password_var`, or None when the user is not set."""
        env = os.environ if environ is None else environ
        user = env.get(user_var)
        return cls(user, env.get(password_var, "")) if user else None

    def __repr__(self) -> str:  # never print the password
        return f"Credentials(user={self.user!r}, password=***)"


class Response:
    """A store's answer: status, headers, and the body read chunk by chunk within the deadline."""

    def __init__(self, response: requests.Response, deadline: float):
        self.status, self.reason, self.headers = response.status_code, response.reason, response.headers
        self._response, self._deadline, self._done = response, deadline, False

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name, default)

    def read(self, size: int = -1) -> bytes:
        """Up to `size` bytes of the body (all of it for -1); StoreDeadline when the deadline passes."""
        if self._done:
            return b""
        if size is None or size < 0:
            return b"".join(iter(lambda: self.read(CHUNK), b""))
        left = self._deadline - time.monotonic()
        if left <= 0:
            self.close()
            raise StoreDeadline()
        raw = self._response.raw
        if raw.connection is not None and raw.connection.sock is not None:
            raw.connection.sock.settimeout(left)
        try:
            data = raw.read(size, decode_content=True)
        except (ReadTimeoutError, TimeoutError):
            self.close()
            raise StoreDeadline() from None
        except (Urllib3Error, OSError) as exc:
            self.close()
            raise StoreUnreachable(f"the connection broke while reading the answer ({type(exc).__name__})") from None
        if not data:
            self.close()  # read whole: the connection is already back in the pool
        return data

    def readable(self) -> bool:  # a file-like object for pyoxigraph's parsers
        return True

    def text(self, limit: int = 2000) -> str:
        """The start of the body as text (for error messages)."""
        try:
            return self.read(limit).decode("utf-8", "replace").strip()
        except (StoreDeadline, StoreUnreachable):
            return ""

    def close(self) -> None:
        """Drop the connection unless the whole body was read (an unread rest cannot be skipped cheaply)."""
        if not self._done:
            self._done = True
            self._response.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class _Body:
    """A seekable binary file with its length, so requests sends a Content-Length and can rewind it for auth."""

    def __init__(self, file):
        self.file = file
        file.seek(0, os.SEEK_END)
        self.length = file.tell()
        file.seek(0)

    def __len__(self) -> int:
        return self.length

    def read(self, size: int = -1) -> bytes:
        return self.file.read(size)

    def tell(self) -> int:
        return self.file.tell()

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return self.file.seek(offset, whence)


class HttpClient:
    """Pooled HTTP(S) connections to the store."""

    def __init__(self, credentials: Credentials | None = None, pool_size: int = 8, connect_timeout_s: float = 5.0):
        self.credentials = credentials
        self.connect_timeout_s = connect_timeout_s
        self._session = requests.Session()
        self._session.trust_env = False  # no proxies or .netrc from the environment: the store is named by the settings
        self._session.headers["Accept-Encoding"] = "identity"
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=pool_size)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._auth: dict[tuple, requests.auth.AuthBase] = {}  # origin -> Digest (the default) or Basic
        self._lock = threading.Lock()

    def request(self, method: str, url: str, *, deadline: float, headers: dict | None = None, body=None) -> Response:
        """Send one request and return the response once its headers are in.

        `body`: bytes, or a seekable binary file (streamed with its Content-Length, and sent again from the
        start if the store asks for credentials first). StoreUnreachable, StoreDeadline.
        """
        if hasattr(body, "read"):
            body = _Body(body)
        auth = self._auth_for(url)
        response = self._send(method, url, headers, body, auth, deadline)
        if response.status == 401 and isinstance(auth, HTTPDigestAuth) and response.header("WWW-Authenticate").lower().startswith("basic"):
            response.read()  # drain it, so the connection can be reused
            response.close()
            auth = HTTPBasicAuth(self.credentials.user, self.credentials.password)
            with self._lock:
                self._auth[_origin(url)] = auth
            if isinstance(body, _Body):
                body.seek(0)
            response = self._send(method, url, headers, body, auth, deadline)
        return response

    def close(self) -> None:
        """Close every pooled connection."""
        self._session.close()

    def _auth_for(self, url: str):
        """None without credentials; else the origin's scheme (Digest answers a Digest challenge by itself)."""
        if self.credentials is None:
            return None
        with self._lock:
            return self._auth.setdefault(_origin(url), HTTPDigestAuth(self.credentials.user, self.credentials.password))

    def _send(self, method, url, headers, body, auth, deadline) -> Response:
        left = deadline - time.monotonic()
        if left <= 0:
            raise StoreDeadline()
        try:
            response = self._session.request(
                method,
                url,
                headers=headers,
                data=body,
                auth=auth,
                stream=True,
                allow_redirects=False,
                timeout=(min(self.connect_timeout_s, left), left),
            )
        except requests.Timeout:
            raise StoreDeadline() from None
        except requests.RequestException as exc:
            raise StoreUnreachable(_describe(exc, url)) from None
        return Response(response, deadline)


def _origin(url: str) -> tuple:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port


def _describe(exc: BaseException, url: str) -> str:
    """What went wrong, by its innermost cause, with the store's host:port (never the URL's credentials)."""
    for _ in range(10):
        inner = getattr(exc, "reason", None) or exc.__cause__ or exc.__context__
        if inner is None and exc.args and isinstance(exc.args[0], BaseException):
            inner = exc.args[0]
        if isinstance(exc, ConnectionRefusedError) or inner is None:
            break
        exc = inner
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    parts = urlsplit(url)
    where = f"{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
    return f"{where}: {type(exc).__name__}: {exc}" if str(exc) else f"{where}: {type(exc).__name__}"
