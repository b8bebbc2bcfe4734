"""Outputs of the stages after the parser."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tdeveloper.spec.base import Frozen, Scored

Frontend = Literal["react", "vue", "svelte"]


class UiChoice(Frozen):
    framework: Frontend
    component_library: str
    state_management: str
    options: tuple[Scored, ...] = ()
    reasons: tuple[str, ...] = ()


class Component(Frozen):
    name: str
    kind: Literal[
        "api", "database", "worker", "cache", "search", "storage", "auth", "frontend", "compliance"
    ]
    reason: str


class Architecture(Frozen):
    pattern: Literal["modular_monolith", "service_split", "serverless"]
    components: tuple[Component, ...]
    design_patterns: tuple[str, ...] = ()
    options: tuple[Scored, ...] = ()
    reasons: tuple[str, ...] = ()


class Gap(Frozen):
    item: str
    reason: str


class TemplateScore(Frozen):
    id: str
    score: float = Field(ge=0.0, le=1.0)
    covered: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


class MatchReport(Frozen):
    template: str
    coverage: float = Field(ge=0.0, le=1.0)
    confidence: float = Field(ge=0.0, le=1.0)
    covered: tuple[str, ...] = ()
    gaps: tuple[Gap, ...] = ()
    scores: tuple[TemplateScore, ...] = ()


class Library(Frozen):
    name: str
    version: str
    licence: str
    ecosystem: Literal["python", "npm"]
    purpose: str
    reason: str


class Selection(Frozen):
    template: str
    libraries: tuple[Library, ...]


class GeneratedFile(Frozen):
    path: str
    content: str
    executable: bool = False


class FileSet(Frozen):
    files: tuple[GeneratedFile, ...]

    def get(self, path: str) -> GeneratedFile | None:
        return next((f for f in self.files if f.path == path), None)


class Check(Frozen):
    name: str
    passed: bool
    detail: str = ""
    skipped: bool = False  # not run here (say why in detail); does not fail the report


class QualityReport(Frozen):
    checks: tuple[Check, ...] = ()
    files: int = 0
    lines: int = 0
    verified: bool = False

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)


class Project(Frozen):
    name: str
    files: tuple[GeneratedFile, ...]
    quality: QualityReport


class Archive(Frozen):
    filename: str
    format: Literal["zip", "tar.gz"]
    sha256: str
    size: int
    data: bytes
