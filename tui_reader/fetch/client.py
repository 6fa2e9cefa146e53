"""One polite HTTP client for the site: bounded, patient with errors, strict in what it accepts."""

from __future__ import annotations

import asyncio
import errno
import random
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from tui_reader import __version__
from tui_reader.fetch.site import Site, join_url, split_url

USER_AGENT = f"warday/{__version__} (terminal reader of the NewsScroll war digest)"
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 60.0
"""Seconds; a site asking for a longer wait gets the page reported as failed instead."""

_ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/xml",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "text/plain",
)
_RETRIED_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A page could not be fetched; the message says why in one plain sentence."""


class Unreachable(FetchError):
    """The host could not be reached at all (no connection): warday is probably offline."""

    def __init__(self, host: str, reason: str) -> None:
        super().__init__(f"could not reach {host} ({reason})")


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: the URL it finally came from, its body and validators."""

    url: str
    content: bytes
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """How patient and how strict the client is."""

    concurrency: int = 4
    timeout: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    attempts: int = 3
    backoff: float = 0.5
    """Seconds before the first retry; doubled each time, plus up to as much again of jitter."""


class SiteClient:
    """An `httpx.AsyncClient` that follows the site's rules; use with `async with`."""

    def __init__(self, site: Site, settings: ClientSettings) -> None:
        self.site = site
        self.settings = settings
        self.requests = 0
        self._gate = asyncio.Semaphore(settings.concurrency)
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
            trust_env=True,
            headers={"User-Agent": USER_AGENT},
            limits=httpx.Limits(max_connections=settings.concurrency),
        )

    async def __aenter__(self) -> SiteClient:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self._http.aclose()

    async def get(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> Page:
        """GET `url` (conditionally, given validators), with retries; raises FetchError."""
        attempt = 1
        async with self._gate:
            while True:
                try:
                    return await self._follow(url, etag, last_modified)
                except _Retry as retry:
                    if retry.wait > MAX_RETRY_AFTER:
                        raise FetchError(
                            f"{retry.reason} and asks to wait {retry.wait:.0f} s; try later"
                        ) from None
                    if attempt >= self.settings.attempts:
                        raise FetchError(retry.reason) from None
                    await asyncio.sleep(max(retry.wait, self._backoff(attempt)))
                    attempt += 1

    def _backoff(self, attempt: int) -> float:
        delay = self.settings.backoff * 2.0 ** (attempt - 1)
        return delay + random.uniform(0, delay)

    async def _follow(self, url: str, etag: str | None, last_modified: str | None) -> Page:
        seen: list[str] = []
        while True:
            self._check_allowed(url, first=not seen)
            if url in seen:
                raise FetchError(f"the site redirects in a loop ({url})")
            if len(seen) > MAX_REDIRECTS:
                raise FetchError(f"the site redirected more than {MAX_REDIRECTS} times")
            seen.append(url)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            page_or_location = await self._once(url, headers)
            if isinstance(page_or_location, Page):
                return page_or_location
            url = page_or_location

    def _check_allowed(self, url: str, first: bool) -> None:
        parts = split_url(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(f"only http and https addresses are fetched, not {url}")
        if not parts.netloc:
            raise FetchError(f"{url} is not a valid address")
        if not first and not self.site.owns(url):
            raise FetchError(
                f"the site redirected to another host ({parts.hostname}); not followed"
            )

    async def _once(self, url: str, headers: dict[str, str]) -> Page | str:
        """One request: the page, or the absolute URL a redirect points to."""
        host = split_url(url).hostname or url
        self.requests += 1
        try:
            async with self._http.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return Page(url, b"", not_modified=True)
                if response.status_code in _REDIRECT_STATUS:
                    location: str | None = response.headers.get("location")
                    if not location:
                        raise FetchError(
                            f"the site answered {response.status_code} without a location"
                        )
                    target = join_url(url, location)
                    if target is None:
                        raise FetchError("the site redirected to a malformed address")
                    return target
                if response.status_code in _RETRIED_STATUS:
                    raise _Retry(
                        f"the site answered {response.status_code} {response.reason_phrase}",
                        _retry_after(response.headers.get("retry-after")),
                    )
                if response.status_code != 200:
                    raise FetchError(
                        f"the site answered {response.status_code} {response.reason_phrase}"
                    )
                self._check_type(response)
                content = await self._body(response)
                return Page(
                    url,
                    content,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
        except httpx.ConnectTimeout:
            raise _Retry(
                f"connecting to {host} timed out after {self.settings.timeout:g} s"
            ) from None
        except httpx.ConnectError as error:
            raise Unreachable(host, _connect_reason(error)) from None
        except httpx.TimeoutException:
            raise _Retry(f"{host} did not answer within {self.settings.timeout:g} s") from None
        except (httpx.RemoteProtocolError, httpx.ReadError):
            raise _Retry("the connection dropped before the page was complete") from None
        except httpx.ProxyError as error:
            raise FetchError(f"the proxy refused the request ({error})") from None
        except httpx.HTTPError as error:
            raise FetchError(f"the request failed ({error})") from None
        except httpx.InvalidURL:
            raise FetchError(f"{url} is not a valid address") from None

    def _check_type(self, response: httpx.Response) -> None:
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type and content_type not in _ACCEPTED_TYPES:
            raise FetchError(f"the site sent {content_type}, not a web page or feed")

    async def _body(self, response: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        too_big = FetchError(
            f"the page is larger than the {limit / 1024 / 1024:g} MB limit (max_page_mb)"
        )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_big
        chunks, size = [], 0
        try:
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    raise too_big
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise _Retry(
                f"the site stopped sending the page after {size / 1024:.0f} KB"
                f" (nothing for {self.settings.timeout:g} s)"
            ) from None
        return b"".join(chunks)


class _Retry(Exception):
    """A failure worth another try, after at least `wait` seconds."""

    def __init__(self, reason: str, wait: float = 0.0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


def _retry_after(value: str | None) -> float:
    """Seconds to wait from a Retry-After header (a number or an HTTP date); 0 when absent."""
    if not value:
        return 0.0
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _connect_reason(error: httpx.ConnectError) -> str:
    """Why a connection failed, in a few words, from the deepest cause that says."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return "name not found"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return "network unreachable"
        cause = cause.__cause__ or cause.__context__
    return str(error) or "no connection"
