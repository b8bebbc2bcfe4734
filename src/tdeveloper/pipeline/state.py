"""What a run has produced so far, and the typed inputs each stage takes from it."""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

from tdeveloper.spec import (
    AppSpec,
    Architecture,
    Archive,
    Brief,
    FileSet,
    Frozen,
    MatchReport,
    ParsedApp,
    Project,
    Requirements,
    Selection,
    UiChoice,
)
from tdeveloper.spec.errors import StageError

In = TypeVar("In", bound=Frozen)
Out = TypeVar("Out", bound=Frozen, covariant=True)
T = TypeVar("T", bound=Frozen)


class RunState(Frozen):
    """Every stage output of one run; a stage reads earlier fields and fills its own."""

    brief: Brief
    requirements: Requirements | None = None
    ui: UiChoice | None = None
    parsed: ParsedApp | None = None
    architecture: Architecture | None = None
    match: MatchReport | None = None
    selection: Selection | None = None
    fileset: FileSet | None = None
    project: Project | None = None
    archive: Archive | None = None

    def need(self, field: str, kind: type[T]) -> T:
        """The output an earlier stage stored in `field`; a clear error if it is missing."""
        value = getattr(self, field)
        if not isinstance(value, kind):
            raise StageError(f"stage input {field!r} is missing", stage=field)
        return value


class ParserInput(Frozen):
    requirements: Requirements
    ui: UiChoice


class MatchInput(Frozen):
    requirements: Requirements
    spec: AppSpec
    architecture: Architecture


class SearchInput(Frozen):
    spec: AppSpec
    ui: UiChoice
    architecture: Architecture
    match: MatchReport


class GenerationInput(Frozen):
    parsed: ParsedApp
    ui: UiChoice
    architecture: Architecture
    match: MatchReport
    selection: Selection


class AssemblyInput(Frozen):
    spec: AppSpec
    fileset: FileSet


class DownloadInput(Frozen):
    """Everything the archive's `tdeveloper.json` reports, plus the project itself."""

    requirements: Requirements
    ui: UiChoice
    parsed: ParsedApp
    architecture: Architecture
    match: MatchReport
    selection: Selection
    project: Project


class Stage(Protocol, Generic[In, Out]):
    """A plain object with one entry point. Timeouts, retries and events are not its job."""

    name: str
    output: str  # the RunState field it fills

    def select(self, state: RunState) -> In: ...

    def run(self, data: In, /) -> Out: ...
