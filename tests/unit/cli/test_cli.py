"""The `tdev` contract: outputs, --json, input sources and one-line errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tdeveloper.cli import main

LIBRARY = "A library: members (name, email), books (title, isbn, copies) and loans (due date)."


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 1), out, err


def test_generate_zip_with_json_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "library.zip"
    code, out, err = run(["generate", LIBRARY, "-o", str(target), "--json"], capsys)
    assert code == 0, err
    report = json.loads(out)
    assert report["output"] == str(target)
    assert set(report["entities"]) >= {"Member", "Book", "Loan"}
    assert 0 < report["coverage"] <= 1
    assert isinstance(report["gaps"], list)
    assert list(report["timings"]) == [
        "nl_input", "ui_selection", "parser", "component_decision", "match_rate", "search",
        "generation", "assembly", "download",
    ]  # fmt: skip
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
    assert f"{report['name']}/tdeveloper.json" in names
    assert f"{report['name']}/backend/app/main.py" in names


def test_same_input_gives_byte_identical_archives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.zip", "b.zip"):
        assert run(["generate", LIBRARY, "-o", str(tmp_path / name), "-q"], capsys)[0] == 0
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_generate_into_a_folder_and_tar_gz(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "proj"
    assert run(["generate", LIBRARY, "--dir", str(folder), "-q"], capsys)[0] == 0
    assert (folder / "backend" / "app" / "main.py").is_file()
    assert json.loads((folder / "tdeveloper.json").read_text())["spec"]["entities"]
    code, out, _ = run(["generate", LIBRARY, "-o", str(tmp_path / "x.tar.gz"), "--json"], capsys)
    assert code == 0 and json.loads(out)["output"].endswith(".tar.gz")


def test_description_from_file_and_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = tmp_path / "brief.md"
    brief.write_text(LIBRARY, encoding="utf-8")
    code, out, _ = run(["spec", "-f", str(brief)], capsys)
    assert code == 0 and json.loads(out)["entities"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(LIBRARY.encode())))
    code, out, _ = run(["spec", "-", "--format", "yaml"], capsys)
    assert code == 0 and "entities:" in out


def test_existing_output_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "app.zip"
    target.write_bytes(b"precious")
    code, _, err = run(["generate", LIBRARY, "-o", str(target)], capsys)
    assert code == 2 and "exists; use --force" in err
    assert target.read_bytes() == b"precious"
    assert run(["generate", LIBRARY, "-o", str(target), "--force", "-q"], capsys)[0] == 0
    assert zipfile.is_zipfile(target)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["generate", "", "-o", "OUT"], "empty"),
        (["generate", "   \n\t ", "-o", "OUT"], "empty"),
        (["generate", "x" * 20_001, "-o", "OUT"], "limit is 20,000"),
        (["generate", "a\x01\x02\x03\x04\x05 pets", "-o", "OUT"], "binary"),
        (["generate", LIBRARY, "--frontend", "angular", "-o", "OUT"], "angular"),
        (["generate", LIBRARY, "--format", "rar", "-o", "OUT"], "rar"),
        (["spec", LIBRARY, "--format", "xml"], "xml"),
        (["generate", "-f", "/nonexistent/brief.md"], "not found"),
        (["generate"], "no description"),
        (["generate", LIBRARY, "--bogus"], "--bogus"),
        (["generate", "a chess engine that plays at grandmaster level", "-o", "OUT"], "nothing"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_zip = str(tmp_path / "o.zip")
    code, out, err = run([out_zip if a == "OUT" else a for a in argv], capsys)
    assert code != 0
    # Stage progress lines may come first; the error itself is one line, and the last.
    errors = [line for line in err.splitlines() if line.startswith("tdev: error:")]
    assert len(errors) == 1 and err.strip().splitlines()[-1] == errors[0], err
    assert message in errors[0]
    if message != "nothing":  # refused before any stage ran: the error is all there is
        assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err + out
    assert not (tmp_path / "o.zip").exists()


def test_binary_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blob = tmp_path / "blob.bin"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, _, err = run(["spec", "-f", str(blob)], capsys)
    assert code == 2 and "binary" in err and len(err.strip().splitlines()) == 1


def test_schema_command_prints_appspec_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema"], capsys)
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "AppSpec"
    assert {"name", "entities", "relations"} <= set(schema["properties"])


def test_the_installed_command_runs_as_a_process(tmp_path: Path) -> None:
    tdev = Path(sys.executable).with_name("tdev")
    proc = subprocess.run(
        [str(tdev), "generate", LIBRARY, "-o", str(tmp_path / "lib.zip"), "--json"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["output"].endswith("lib.zip")
    bad = subprocess.run([str(tdev), "spec", ""], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_verify_says_when_it_skipped_the_frontend(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The backend's install is covered end to end; here only what a machine without Node.js
    # prints matters, so the backend step is left out.
    from tdeveloper.pipeline import assembly

    monkeypatch.setattr(assembly, "verify_backend", lambda *args: [])
    monkeypatch.setenv("PATH", str(tmp_path))  # no node, no npm
    folder = tmp_path / "proj"
    code, out, err = run(["generate", LIBRARY, "--dir", str(folder), "--verify", "-q"], capsys)
    assert code == 0, err
    assert "frontend build and tests: skipped: Node.js and npm were not found on PATH" in out
    code, out, _ = run(["generate", LIBRARY, "--dir", str(folder), "--verify", "--json",
                        "--force"], capsys)  # fmt: skip
    assert json.loads(out)["skipped"]["frontend build and tests"].startswith("skipped: Node.js")
