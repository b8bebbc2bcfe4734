"""The `tdev` command line. Bad input gets one line on stderr and a non-zero exit."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.main import get_command

from tdeveloper.cli.admin import admin_app
from tdeveloper.cli.db import db_app
from tdeveloper.cli.inputs import read_description
from tdeveloper.cli.output import OutputTarget, summary, write_result
from tdeveloper.cli.progress import StageProgress
from tdeveloper.cli.runs import runs_app
from tdeveloper.cli.serve import serve
from tdeveloper.cli.worker import worker
from tdeveloper.spec.errors import InputError, TDevError, VerificationError

__all__ = ["app", "main"]

app = typer.Typer(
    name="tdev",
    help="T-Developer: a plain-language description becomes a runnable, tested project.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


app.add_typer(db_app, name="db")
app.add_typer(admin_app, name="admin")
app.add_typer(runs_app, name="runs")
app.command()(serve)
app.command()(worker)


class FrontendChoice(StrEnum):
    react = "react"
    vue = "vue"
    svelte = "svelte"


class SpecFormat(StrEnum):
    json = "json"
    yaml = "yaml"


class ArchiveFormat(StrEnum):
    zip = "zip"
    tgz = "tar.gz"


Description = Annotated[
    str | None, typer.Argument(help='The description, or "-" to read it from standard input.')
]
FromFile = Annotated[
    Path | None, typer.Option("--file", "-f", help="Read the description from a file.")
]


@app.command()
def generate(
    description: Description = None,
    file: FromFile = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Archive to write (.zip or .tar.gz).")
    ] = None,
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Write the project tree into this folder.")
    ] = None,
    frontend: Annotated[FrontendChoice | None, typer.Option(help="Frontend framework.")] = None,
    archive_format: Annotated[
        ArchiveFormat | None, typer.Option("--format", help="Archive format (default from -o).")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Project name (default: derived).")] = None,
    verify: Annotated[
        bool, typer.Option(help="Install the project in a scratch venv and run its tests.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    force: Annotated[bool, typer.Option(help="Overwrite an existing output.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
) -> None:
    """Generate a project from a description and write it as an archive or a folder."""
    from tdeveloper.pipeline import generate as run_pipeline
    from tdeveloper.spec import GenerateOptions

    text = read_description(description, file)
    target = OutputTarget.decide(output, directory, archive_format and archive_format.value, force)
    options = GenerateOptions(
        frontend=frontend.value if frontend else None,
        archive_format=target.archive_format,
        name=name,
        verify=verify,
    )
    with StageProgress(quiet=quiet or as_json) as progress:
        result = run_pipeline(text, options, on_event=progress)
    path = write_result(result, target)
    report = summary(result, path)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
    else:
        _print_summary(report)


def _print_summary(report: dict[str, Any]) -> None:
    """A short human summary; colour only on a terminal (Rich is loaded only then)."""
    coverage = report["coverage"]
    lines = [
        f"wrote {report['output']}",
        f"entities: {', '.join(report['entities'])}",
        f"coverage: {coverage:.0%}",
        *(f"  gap: {gap['item']}: {gap['reason']}" for gap in report["gaps"]),
        *(f"{name}: {detail}" for name, detail in report["skipped"].items()),
    ]
    if coverage <= 0.5:  # logic no template covers weighs as much as all the rest
        lines.append(
            "warning: half or more of what the description asks for is not generated; "
            "see the gaps above and tdeveloper.json"
        )
    if not sys.stdout.isatty():
        sys.stdout.write("\n".join(lines) + "\n")
        return
    from rich.console import Console

    style = "green" if coverage >= 0.8 else "yellow" if coverage >= 0.5 else "bold red"
    console = Console(highlight=False, soft_wrap=True)
    for line in lines:
        console.print(line, style=style if line.startswith(("coverage", "warning")) else None)


@app.command()
def spec(
    description: Description = None,
    file: FromFile = None,
    fmt: Annotated[SpecFormat, typer.Option("--format", help="Output format.")] = SpecFormat.json,
    frontend: Annotated[FrontendChoice | None, typer.Option(help="Frontend framework.")] = None,
) -> None:
    """Print the AppSpec understood from a description, without generating files."""
    from tdeveloper.pipeline import parse
    from tdeveloper.spec import GenerateOptions

    text = read_description(description, file)
    options = GenerateOptions(frontend=frontend.value if frontend else None)
    data = parse(text, options).spec.model_dump(mode="json")
    if fmt is SpecFormat.yaml:
        import yaml

        typer.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), nl=False)
    else:
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@app.command("eval")
def evaluate(
    files: Annotated[list[Path], typer.Argument(help="Labelled sets (the shared/eval format).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    every_case: Annotated[
        bool, typer.Option("--all", help="List every case, not only the imperfect ones.")
    ] = False,
) -> None:
    """Score `tdev spec` against labelled descriptions: recall, precision, time per case."""
    from tdeveloper.evaluation import evaluate as run_eval
    from tdeveloper.evaluation import load_cases
    from tdeveloper.evaluation.report import render

    cases = [case for path in files for case in load_cases(path)]
    report = run_eval(cases)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        typer.echo(render(report, every_case=every_case))


@app.command()
def schema() -> None:
    """Print the JSON Schema of AppSpec."""
    from tdeveloper.spec import AppSpec

    typer.echo(json.dumps(AppSpec.model_json_schema(), indent=2))


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the app and turns every expected failure into one line."""
    code = _run(sys.argv[1:] if argv is None else argv)
    raise SystemExit(code)


def _run(argv: list[str]) -> int:
    try:
        result = get_command(app).main(args=argv, prog_name="tdev", standalone_mode=False)
    except typer.exceptions.TyperException as exc:  # usage errors: bad flags or values
        return _fail(getattr(exc, "format_message", exc.__str__)(), 2)
    except InputError as exc:
        return _fail(exc.message, 2)
    except VerificationError as exc:  # not bad input: the user needs the test output
        sys.stderr.write(exc.message.rstrip() + "\n")
        return _fail("the generated project did not pass verification (output above)", 1)
    except TDevError as exc:
        return _fail(exc.message, 1)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), 1)
    return result if isinstance(result, int) else 0


def _fail(message: str, code: int) -> int:
    first = message.strip().splitlines()[0] if message.strip() else "failed"
    sys.stderr.write(f"tdev: error: {first}\n")
    return code
