"""Error root for the generator core. Payloads are keyword-only so messages stay stable."""

from __future__ import annotations


class TDevError(Exception):
    """Root of every error the generator raises on purpose."""

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InputError(TDevError):
    """The description or an option is not acceptable."""


class SpecError(TDevError):
    """The spec cannot be built from what was understood."""


class StageError(TDevError):
    """A stage failed; `details['stage']` names it."""


class TransientError(TDevError):
    """A failure worth retrying (a provider hiccup, a busy resource)."""


class VerificationError(TDevError):
    """The generated project did not pass its own checks."""
