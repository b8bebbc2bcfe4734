"""assembly: lays the files out, formats them, checks they compile and lint, and optionally
installs the backend in a scratch virtual environment and runs its own tests."""

from __future__ import annotations

import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from tdeveloper.pipeline.served_openapi import openapi_document
from tdeveloper.pipeline.state import AssemblyInput, RunState
from tdeveloper.pipeline.verify import verify_backend, verify_frontend
from tdeveloper.spec import (
    Check,
    FileSet,
    GeneratedFile,
    GenerateOptions,
    ParsedApp,
    Project,
    QualityReport,
)
from tdeveloper.spec.errors import StageError, VerificationError

__all__ = ["CONTRACT", "Assembly", "safe_path", "write_tree"]

CONTRACT = "frontend/openapi.json"  # the backend's OpenAPI document, written by assembly


class Assembly:
    name = "assembly"
    output = "project"

    def __init__(self, options: GenerateOptions | None = None) -> None:
        self.options = options or GenerateOptions()

    def select(self, state: RunState) -> AssemblyInput:
        return AssemblyInput(
            spec=state.need("parsed", ParsedApp).spec, fileset=state.need("fileset", FileSet)
        )

    def run(self, data: AssemblyInput, /) -> Project:
        files = _checked(data.fileset)
        with tempfile.TemporaryDirectory(prefix="tdev-assembly-") as tmp:
            root = Path(tmp) / "project"
            write_tree(root, files)
            # Compiling (in this process), ruff's two runs and reading the backend's OpenAPI
            # document (each in a child process) overlap; the document is read from a copy
            # of the backend, since ruff rewrites the tree.
            with ThreadPoolExecutor(max_workers=2) as pool:
                contract = pool.submit(_contract, Path(tmp) / "contract", files)
                compiled = pool.submit(_compiles, files)
                checks = [_finish_ruff(root, "format", _start_ruff(root, "format"))]
                checks.append(_finish_ruff(root, "check", _start_ruff(root, "check")))
                checks.append(compiled.result())
                document = contract.result()
            files = _read_back(root, files)
            if document is not None:
                write_tree(root, [document])
                files = sorted([*files, document], key=lambda f: f.path)
            if self.options.verify:
                _require(checks)
                checks += verify_backend(root / "backend", self.options.verify_timeout)
                if (root / "frontend").is_dir():
                    checks += verify_frontend(root / "frontend", self.options.verify_timeout)
        quality = QualityReport(
            checks=tuple(checks),
            files=len(files),
            lines=sum(f.content.count("\n") for f in files),
            verified=self.options.verify,
        )
        return Project(name=data.spec.name, files=tuple(files), quality=quality)


def safe_path(path: str) -> str:
    """`path` if it is a plain relative POSIX path inside the project, else StageError."""
    pure = PurePosixPath(path)
    bad = (
        not path
        or "\\" in path
        or "\x00" in path
        or pure.is_absolute()
        or any(part in ("", ".", "..") for part in path.split("/"))
    )
    if bad:
        raise StageError(f"unsafe file path in generated project: {path!r}", stage="assembly")
    return path


def _checked(fileset: FileSet) -> list[GeneratedFile]:
    seen: set[str] = set()
    for f in fileset.files:
        if safe_path(f.path) in seen:
            raise StageError(f"file generated twice: {f.path}", stage="assembly")
        seen.add(f.path)
    return sorted(fileset.files, key=lambda f: f.path)


def write_tree(root: Path, files: list[GeneratedFile] | tuple[GeneratedFile, ...]) -> None:
    for f in files:
        target = root / safe_path(f.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f.content, encoding="utf-8", newline="\n")
        if f.executable:
            target.chmod(0o755)


def _read_back(root: Path, files: list[GeneratedFile]) -> list[GeneratedFile]:
    out = []
    for f in files:
        if f.path.endswith(".py"):
            content = (root / f.path).read_text(encoding="utf-8")
            f = f.model_copy(update={"content": content}) if content != f.content else f
        out.append(f)
    return out


def _contract(folder: Path, files: list[GeneratedFile]) -> GeneratedFile | None:
    """`frontend/openapi.json`, the contract the frontend's client is typed by (None when the
    project has no frontend), read from the backend written again into `folder`."""
    if not any(f.path.startswith("frontend/") for f in files):
        return None
    write_tree(folder, [f for f in files if f.path.startswith("backend/")])
    return GeneratedFile(path=CONTRACT, content=openapi_document(folder / "backend"))


def _require(checks: list[Check]) -> None:
    failed = [c for c in checks if not c.passed]
    if failed:
        detail = "\n".join(f"{c.name}: {c.detail}" for c in failed)
        raise VerificationError(f"generated project failed its checks:\n{detail}")


def _ruff_bin() -> str:
    from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

    return str(find_ruff_bin())


def _start_ruff(root: Path, command: str) -> subprocess.Popen[str]:
    args = [_ruff_bin(), command, "--no-cache", "--quiet", str(root)]
    if command == "check":
        args.insert(2, "--output-format=concise")
    return subprocess.Popen(
        args, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _finish_ruff(root: Path, command: str, proc: subprocess.Popen[str]) -> Check:
    output, _ = proc.communicate()
    detail = output.replace(str(root) + os.sep, "").strip()
    return Check(name=f"ruff {command}", passed=proc.returncode == 0, detail=detail[-4000:])


def _compiles(files: list[GeneratedFile]) -> Check:
    errors = []
    for f in files:
        if f.path.endswith(".py"):
            try:
                compile(f.content, f.path, "exec", dont_inherit=True)
            except SyntaxError as exc:
                errors.append(f"{f.path}:{exc.lineno}: {exc.msg}")
    return Check(name="python compiles", passed=not errors, detail="\n".join(errors))
