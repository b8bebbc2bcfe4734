"""Reading and checking the description a user hands the CLI."""

from __future__ import annotations

import sys
from pathlib import Path

from tdeveloper.spec import MAX_DESCRIPTION
from tdeveloper.spec.errors import InputError

__all__ = ["read_description"]


def read_description(text: str | None, file: Path | None) -> str:
    """The description from the argument, `-f FILE`, or standard input (`-`), checked."""
    if text is not None and file is not None:
        raise InputError("give the description as an argument or with -f, not both")
    if file is not None:
        raw = _read_file(file)
    elif text == "-":
        raw = sys.stdin.buffer.read(MAX_DESCRIPTION * 4 + 1)
    elif text is None:
        raise InputError('no description: pass it as an argument, with -f FILE, or "-" for stdin')
    else:
        return check_description(text)
    return check_description(_decode(raw))


def _read_file(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(MAX_DESCRIPTION * 4 + 1)
    except FileNotFoundError:
        raise InputError(f"description file not found: {path}") from None
    except IsADirectoryError:
        raise InputError(f"description file is a directory: {path}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None


def _decode(raw: bytes) -> str:
    if b"\x00" in raw:
        raise InputError("the description looks binary (it contains NUL bytes); give plain text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the description is not valid UTF-8 text") from None


def check_description(text: str) -> str:
    if "\x00" in text:
        raise InputError("the description looks binary (it contains NUL bytes); give plain text")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r")
    if controls > max(3, len(text) // 100):
        raise InputError("the description looks binary (control characters); give plain text")
    if not text.strip():
        raise InputError("the description is empty")
    if len(text) > MAX_DESCRIPTION:
        raise InputError(
            f"the description is {len(text):,} characters; the limit is {MAX_DESCRIPTION:,}"
        )
    return text
