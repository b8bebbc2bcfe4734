"""`tdev runs watch`: follow a run on a platform server through its server-sent events.

One line per event (Rich on a terminal, plain lines otherwise), then the run's final
status; exit 0 when it succeeded, 1 when it failed or was cancelled, 2 for bad input (an
unknown run, refused credentials, a server that cannot be reached). A dropped connection
is resumed after the last event seen (Last-Event-ID), a few times, with backoff.
"""

from __future__ import annotations

import json
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tdeveloper.spec.errors import InputError, TDevError

if TYPE_CHECKING:
    import httpx
    from rich.console import Console
    from rich.status import Status

__all__ = ["Event", "runs_app", "sse_events"]

runs_app = typer.Typer(help="Follow runs on a platform server.", no_args_is_help=True)

FINAL = {"run_succeeded": "succeeded", "run_failed": "failed", "run_cancelled": "cancelled"}
ENDED = frozenset(FINAL.values())
RETRIES = 5  # reconnections in a row without a new event before giving up
BACKOFF = 0.5  # seconds before the first reconnection; doubles each time
_STYLES = {
    "stage_finished": "green",
    "stage_failed": "bold red",
    "run_succeeded": "bold green",
    "run_failed": "bold red",
    "run_cancelled": "bold yellow",
}
_STAGE_WORDS = {
    "stage_started": "started",
    "stage_finished": "succeeded",
    "stage_failed": "failed",
    "stage_skipped": "skipped (resumed from a checkpoint)",
}


@runs_app.command("watch")
def watch(
    run_id: Annotated[str, typer.Argument(help="The run's id.")],
    server: Annotated[
        str, typer.Option(envvar="TDEV_SERVER", help="The platform's URL.")
    ] = "http://127.0.0.1:8000",
    token: Annotated[
        str | None,
        typer.Option(envvar="TDEV_TOKEN", help="An access token or an API key (tdk_...)."),
    ] = None,
) -> None:
    """Show a run's stages as they happen, until it ends. Exit 0 if it succeeded, 1 if it
    failed or was cancelled, 2 for bad input."""
    try:
        run_id = str(uuid.UUID(run_id))
    except ValueError as exc:
        raise InputError(f"{run_id!r} is not a run id (a UUID)") from exc
    with _display() as display:
        status = Watcher(server, run_id, token, display).follow()
    raise typer.Exit(0 if status == "succeeded" else 1)


@dataclass
class Event:
    """One server-sent event: its id, its kind (the `event` field) and its JSON data."""

    id: int | None
    kind: str
    data: dict[str, Any] = field(default_factory=dict)


def sse_events(lines: Iterator[str]) -> Iterator[Event]:
    """The events in a text/event-stream, from its lines (comments and `retry:` skipped)."""
    fields: dict[str, str] = {}
    data: list[str] = []
    for line in lines:
        if not line:
            if data:
                yield _event(fields, "\n".join(data))
            fields, data = {}, []
            continue
        if line.startswith(":"):
            continue  # a comment: the server's keep-alive
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            data.append(value)
        elif name in ("id", "event"):
            fields[name] = value


def _event(fields: dict[str, str], data: str) -> Event:
    try:
        parsed = json.loads(data)
    except ValueError:
        parsed = {}
    raw_id = fields.get("id", "")
    event_id = int(raw_id) if raw_id.isdigit() else None
    return Event(
        event_id, fields.get("event", "message"), parsed if isinstance(parsed, dict) else {}
    )


class _Transient(Exception):
    """The server is there but could not answer now (5xx): try again."""


class Watcher:
    """Follows one run's stream, resuming after the last event when the connection drops."""

    def __init__(self, server: str, run_id: str, token: str | None, display: Display) -> None:
        self.base = server.rstrip("/")
        self.run_id, self.display = run_id, display
        self.headers = {"Accept": "text/event-stream"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        self.last_id: int | None = None
        self.connected = False

    def follow(self) -> str:
        """Shows the run's events until it ends; returns its final status."""
        import httpx

        timeout = httpx.Timeout(10.0, read=60.0)  # the server speaks at least every 15 s
        failures = 0
        with self._client(timeout) as client:
            while True:
                seen = self.last_id
                try:
                    final = self._stream(client) or self._ended(client)
                except (httpx.TransportError, _Transient) as exc:
                    if not self.connected and isinstance(exc, httpx.TransportError):
                        raise _unreachable(self.base, exc) from exc
                    final, reason = None, _reason(exc)
                else:
                    reason = "the stream ended before the run did"
                if final is not None:
                    self.display.final(final)
                    return final
                failures = 0 if self.last_id != seen else failures + 1
                if failures >= RETRIES:
                    raise TDevError(f"gave up on the server at {self.base}: {reason}")
                time.sleep(BACKOFF * 2 ** max(failures - 1, 0))

    def _client(self, timeout: httpx.Timeout) -> httpx.Client:
        import httpx

        try:
            return httpx.Client(base_url=self.base, timeout=timeout, headers=self.headers)
        except httpx.InvalidURL as exc:
            raise InputError(f"--server {self.base!r} is not a URL") from exc

    def _stream(self, client: httpx.Client) -> str | None:
        """Shows events until the final one (its status) or the end of the stream (None)."""
        headers = {} if self.last_id is None else {"Last-Event-ID": str(self.last_id)}
        url = f"/api/v1/runs/{self.run_id}/events"
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code != 200:
                response.read()
                raise _refused(response)
            self.connected = True
            for event in sse_events(response.iter_lines()):
                self.last_id = event.id if event.id is not None else self.last_id
                if event.kind in FINAL:
                    self.display.error(event)
                    return FINAL[event.kind]
                self.display.show(event)
        return None

    def _ended(self, client: httpx.Client) -> str | None:
        """The run's status if it has ended (its stream may close without a final event)."""
        response = client.get(f"/api/v1/runs/{self.run_id}")
        if response.status_code != 200:
            raise _refused(response)
        status = str(response.json().get("status", ""))
        return status if status in ENDED else None


def _refused(response: httpx.Response) -> Exception:
    try:
        detail = str(response.json()["detail"])
    except (ValueError, KeyError, TypeError):
        detail = f"the server answered {response.status_code}"
    if response.status_code >= 500:
        return _Transient(detail)
    return InputError(detail)


def _unreachable(base: str, exc: Exception) -> InputError:
    import httpx

    if isinstance(exc, httpx.UnsupportedProtocol):
        return InputError(f"--server {base!r} is not an http(s) URL")
    return InputError(f"cannot reach the server at {base}: {_reason(exc)}")


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def describe(event: Event) -> str:
    """One line for an event: the stage, what happened to it and how long it took."""
    data, payload = event.data, event.data.get("payload") or {}
    if event.kind in _STAGE_WORDS:
        head = f"[{payload.get('index', '?')}/{payload.get('total', '?')}] {data.get('stage')}"
        line = f"{head} {_STAGE_WORDS[event.kind]}"
        if payload.get("seconds") is not None:
            line += f" in {float(payload['seconds']):.2f}s"
        if payload.get("error"):
            line += f": {payload['error']}"
        return line
    if event.kind == "run_started":
        delivery = payload.get("delivery", 1)
        return "run started" + (f" (delivery {delivery})" if delivery and delivery > 1 else "")
    return event.kind.replace("_", " ")


class Display:
    """Plain lines on standard output."""

    def __enter__(self) -> Display:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    def show(self, event: Event) -> None:
        self.line(describe(event), event.kind)

    def error(self, event: Event) -> None:
        error = (event.data.get("payload") or {}).get("error")
        if error:
            self.line(f"error: {error}", "run_failed")

    def final(self, status: str) -> None:
        self.line(f"run {status}", f"run_{status}")

    def line(self, text: str, _kind: str) -> None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


class RichDisplay(Display):
    """On a terminal: coloured lines, and a spinner on the stage under way."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console: Console = Console(highlight=False, soft_wrap=True)
        self.status: Status | None = None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop()

    def show(self, event: Event) -> None:
        if event.kind == "stage_started":
            self._stop()
            self.status = self.console.status(describe(event).replace(" started", " …"))
            self.status.start()
            return
        super().show(event)

    def line(self, text: str, kind: str) -> None:
        self._stop()
        self.console.print(text, style=_STYLES.get(kind), markup=False)

    def _stop(self) -> None:
        if self.status is not None:
            self.status.stop()
            self.status = None


def _display() -> Display:
    return RichDisplay() if sys.stdout.isatty() else Display()
