"""The ``anthropic-models`` command: list and look up models of the Anthropic
Models API, built on :class:`anthropic_models.Client`, and audit files for the
models they name (a face on :mod:`anthropic_models.audit`).

    anthropic-models list [--after-id ID | --before-id ID] [--limit N] [--max N]
                          [--lifecycle STAGE]... [--json]
    anthropic-models get MODEL_ID [--json]
    anthropic-models beta list ... | beta get MODEL_ID ...   (the beta view)
    anthropic-models audit [PATH ...] [--include GLOB]... [--exclude GLOB]...
                           [--json] [--sarif FILE] [--fail-on LEVEL]
                           [--catalogue FILE] [--max-file-size BYTES] [--as-of DATE]

The commands of ``list`` and ``get`` (and ``beta list``/``beta get``, the
operations of ``client.beta.models``) and their flags are the operations and
parameters of openapi.yaml (generated into ``_spec``): names, help and checks
follow the spec.
Global options (before or after the command): ``--base-url``, ``--timeout``,
``--max-retries``, ``--verbose``, and the parameters every request may carry
(``--beta NAME``, ``--workspace-id ID``). The credential is read from
``$ANTHROPIC_API_KEY`` (else ``$ANTHROPIC_AUTH_TOKEN``, sent as a Bearer token)
only, never from the command line, where it would land in shell history and
``ps``.

Exit status: 0 on success (also when the reader of stdout stops early, as
``| head`` does), 1 on an API or connection error (and for ``audit``, when a
mention is at or above ``--fail-on``), 2 on a usage error (bad option, missing
key), 130 when interrupted (Ctrl-C). Errors are one line on
stderr, never a traceback.
"""

from __future__ import annotations

# argparse rather than click: it is in the standard library, so the command adds no
# runtime dependency, and it imports in about 6 ms where click takes about 23 ms
# (python -X importtime). Two subcommands and a handful of options are well within
# what it does cleanly; its error() is overridden below for one-line messages.
import argparse
import datetime
import io
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from ._operation import Operation, Parameter
from ._spec import CLIENT_PARAMETERS, OPERATIONS

if TYPE_CHECKING:
    from generated_client.models import ListModelsResponse, ModelInfo

    from ._client import Client
    from ._pagination import SyncPager
    from .audit import AuditReport

__all__ = ["main"]

PROG = "anthropic-models"

EXIT_OK = 0
EXIT_API_ERROR = 1
EXIT_FINDINGS = 1  # audit: a mention at or above --fail-on
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports after Ctrl-C

KEY_VARIABLE = "ANTHROPIC_API_KEY"
TOKEN_VARIABLE = "ANTHROPIC_AUTH_TOKEN"
# Either one is the credential; the Client decides which it sends (the key when
# both are set), and the CLI redacts both from what it prints.
_SECRET_VARIABLES = (KEY_VARIABLE, TOKEN_VARIABLE)

# The table's columns are sized from the first page (the output is streamed, so
# later rows are not known yet), never narrower than these floors, which fit
# today's model IDs, names, dates and token counts: with them a listing paged
# with a small --limit stays aligned. A later, longer value pushes only its own
# row to the right. The last column (the lifecycle, blank for active models)
# is not padded.
_TABLE_HEADERS = ("ID", "DISPLAY NAME", "RELEASED", "CONTEXT", "MAX OUTPUT", "STATUS")
_TABLE_FLOORS = (28, 18, 10, 9, 10)
_GAP = "  "


class _UsageError(Exception):
    """A usage error: reported on one line, exit status 2."""


# -- the command line --------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors raised (not printed and exited on), so that
    main() decides the message and the exit status."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{message} (see '{self.prog} --help')")


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value < float("inf"):  # also refuses NaN
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text!r}")
    return value


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {text!r}")
    return value


def _global_options() -> _Parser:
    """The options accepted both before and after the subcommand.

    Their defaults are SUPPRESS, so that a subcommand's parser does not overwrite
    a value given before the subcommand with its own default; _parse fills in the
    real defaults afterwards.
    """
    common = _Parser(add_help=False, allow_abbrev=False)
    group = common.add_argument_group("global options")
    group.add_argument(
        "--base-url",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="the API's base URL (default: $ANTHROPIC_BASE_URL, else "
        "https://api.anthropic.com)",
    )
    # The parameters every request may carry, which Client(...) takes too
    # (openapi.yaml's x-runtime: client): one flag each, from the spec.
    for parameter in CLIENT_PARAMETERS.values():
        _add_parameter(group, parameter, default=argparse.SUPPRESS)
    group.add_argument(
        "--timeout",
        type=_positive_float,
        metavar="SECONDS",
        default=argparse.SUPPRESS,
        help="how long one attempt of a request may take in all: connecting, "
        "sending, waiting and reading the whole answer (default: 30, of which at "
        "most 5 to connect); a retry gets the time again",
    )
    group.add_argument(
        "--max-retries",
        type=_non_negative_int,
        metavar="N",
        default=argparse.SUPPRESS,
        help="retries of 408, 409, 429, 5xx, connection errors and timeouts "
        "(default: 2)",
    )
    group.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="log each request and response to stderr (the key is redacted)",
    )
    return common


def _build_parser() -> _Parser:
    from . import __version__

    common = _global_options()
    parser = _Parser(
        prog=PROG,
        description="List and look up models of the Anthropic Models API, and "
        "audit files for the deprecated and retired ones they name. The API "
        f"key is read from ${KEY_VARIABLE} (else a Bearer token from "
        f"${TOKEN_VARIABLE}) only.",
        epilog="exit status: 0 success, 1 API or connection error, 2 usage error, "
        "130 interrupted",
        parents=[common],
        allow_abbrev=False,
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", title="commands"
    )

    # One command per operation, named by its method, under one command per
    # level of its resource's path but the last (client.beta.models.list is
    # `beta list`; client.models.list is `list`).
    groups = {"": commands}
    for operation in OPERATIONS.values():
        *levels, _ = operation.resource.split(".")
        for depth in range(1, len(levels) + 1):
            path = ".".join(levels[:depth])
            if path in groups:
                continue
            names = dict.fromkeys(
                op.name
                for op in OPERATIONS.values()
                if op.resource.startswith(path + ".")
            )
            group = groups[".".join(levels[: depth - 1])].add_parser(
                levels[depth - 1],
                parents=[common],
                allow_abbrev=False,
                help=f"the operations of client.{path}: {', '.join(names)}",
            )
            groups[path] = group.add_subparsers(
                dest=f"{path}.command", required=True, metavar="COMMAND"
            )
        nested = bool(levels)
        command = groups[".".join(levels)].add_parser(
            operation.name,
            parents=[common],
            allow_abbrev=False,
            # argparse formats help with %: the spec's text is escaped.
            help=(
                operation.summary.replace("%", "%%")
                if nested
                else _HELP.get(operation.name, operation.summary.replace("%", "%%"))
            ),
            description=operation.description.replace("%", "%%")
            if nested
            else _DESCRIPTIONS.get(
                operation.name, operation.description.replace("%", "%%")
            ),
        )
        command.set_defaults(operation=operation)
        _add_operation(command, operation)
        if operation.paging is not None:
            command.add_argument(
                "--max",
                type=_non_negative_int,
                metavar="N",
                help="stop after N models (with the backward cursor: the N nearest "
                "to it)",
            )
        _add_output_options(command)
    _add_audit_parser(commands, common)
    return parser


# The top-level commands' own words (presentation); their flags come from the
# spec, and a nested resource's commands take the spec's summary and
# description.
_HELP = {
    "list": "list every model, newest first",
    "get": "show one model, by ID or alias",
}
_DESCRIPTIONS = {
    "list": "List every model, newest first: ID, display name, release date, "
    "context window, largest output and, for models that are not active, their "
    "lifecycle stage and retirement date; or with --json a JSON array of the "
    "API's model objects. Models are printed as their pages arrive.",
    "get": "Show one model, by ID or alias (an alias is resolved to the model's "
    "ID, which is shown).",
}


def _flag(parameter: Parameter) -> str:
    return "--" + (parameter.flag or parameter.argument).replace("_", "-")


def _add_parameter(
    group: argparse._ActionsContainer, parameter: Parameter, **options: Any
) -> None:
    """One flag for a parameter of the spec: its name, its description as the
    help, repeatable (or comma-separated) for a list; its values are checked by
    the client's method, whose ValueError is a usage error here."""
    help_text = parameter.description.replace("%", "%%")
    if parameter.type == "array" or parameter.join is not None:
        # Items are converted after the comma-separated ones are split (_parse).
        options.update(
            action="append", help=help_text + " (repeatable, or comma-separated)"
        )
    else:
        options.update(help=help_text)
        converter = _CONVERTERS.get(parameter.type)
        if converter is not None:
            options["type"] = converter
    group.add_argument(
        _flag(parameter),
        dest=parameter.argument,
        metavar=(parameter.flag or parameter.argument).upper(),
        **options,
    )


def _boolean(text: str) -> bool:
    if text not in ("true", "false"):
        raise argparse.ArgumentTypeError(f"not true or false: {text!r}")
    return text == "true"


# A flag's value as its parameter's JSON type (argparse names the converter in
# its error: "invalid int value: 'x'"); strings stay as they are.
_CONVERTERS: dict[str, Callable[[str], object]] = {"integer": int, "boolean": _boolean}


def _add_audit_parser(commands: Any, common: _Parser) -> None:
    from .audit import DEFAULT_MAX_FILE_SIZE, Status

    def _severity(status: Status) -> int:
        return -status.severity

    auditing = commands.add_parser(
        "audit",
        parents=[common],
        allow_abbrev=False,
        help="find the deprecated and retired models files still name",
        description="Find the Claude model IDs and aliases named in files, and "
        "report those that are retired, deprecated (overdue: past their retirement "
        "date) or unresolved, each with the newest active model of its line as the "
        "suggested replacement. Inside a git work tree the files are those git "
        "tracks or would track; elsewhere, every file under PATH. Binary files and "
        "files over --max-file-size are skipped.",
        epilog="exit status: 0 nothing at or above --fail-on, 1 a mention at or "
        "above it (or an API error), 2 usage error",
    )
    auditing.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="directories or files to scan (default: .)",
    )
    auditing.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="scan only files whose path (relative to PATH) or name matches "
        "(repeatable; '*' crosses '/': '*.py', 'src/*')",
    )
    auditing.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="skip files whose path or name matches (repeatable)",
    )
    auditing.add_argument(
        "--max-file-size",
        type=_non_negative_int,
        default=DEFAULT_MAX_FILE_SIZE,
        metavar="BYTES",
        help="skip (and report) larger files: code, configuration and prompts "
        "are smaller, data sets and bundles larger (default: 1048576; 0: no limit)",
    )
    auditing.add_argument(
        "--json",
        action="store_true",
        help="print every mention (active models too) as a JSON object",
    )
    auditing.add_argument(
        "--sarif",
        metavar="FILE",
        help="also write SARIF 2.1.0 to FILE, for code-scanning tools ('-': to "
        "stdout, instead of the table)",
    )
    auditing.add_argument(
        "--fail-on",
        choices=[
            *(
                status.value
                for status in sorted(Status, key=_severity)
                if status.severity
            ),
            _NEVER,
        ],
        default=Status.RETIRED.value,
        help="exit 1 when a mention is at or above this level: retired, overdue "
        "(and retired), deprecated (and overdue and retired), or never "
        "(default: retired)",
    )
    auditing.add_argument(
        "--catalogue",
        metavar="FILE",
        help="judge by this snapshot (what 'list --json --lifecycle "
        "active,deprecated,retired' writes) instead of asking the API: no key is "
        "needed, and aliases are reported unresolved",
    )
    auditing.add_argument(
        "--as-of",
        type=_day,
        metavar="YYYY-MM-DD",
        help="judge overdue retirements as of this day (default: now)",
    )


# --fail-on's levels, least strict first: the audit's statuses that can fail a
# run, worst first, then "never", which never fails.
_NEVER = "never"


def _day(text: str) -> datetime.datetime:
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


def _add_operation(parser: argparse.ArgumentParser, operation: Operation) -> None:
    """The flags of an operation's parameters (those the runtime does not own and
    the client-wide ones, which are global options)."""
    cursors: argparse._ActionsContainer = parser
    paging = operation.paging
    if paging is not None and paging.backward is not None:
        cursors = parser.add_mutually_exclusive_group()
    for parameter in operation.parameters:
        if parameter.owned or parameter.client:
            continue
        if parameter.location == "path":
            parser.add_argument(
                parameter.argument,
                metavar=parameter.argument.upper(),
                help=parameter.description.replace("%", "%%"),
            )
            continue
        is_cursor = paging is not None and parameter.name in (
            paging.forward.cursor,
            paging.backward.cursor if paging.backward else None,
        )
        _add_parameter(cursors if is_cursor else parser, parameter)


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the API's JSON (all fields, extra ones included) for jq",
    )


_GLOBAL_DEFAULTS: dict[str, Any] = {
    "base_url": None,
    "timeout": None,
    "max_retries": None,
    "verbose": False,
    **dict.fromkeys(CLIENT_PARAMETERS),
}


def _refuse_key_option(argv: Sequence[str]) -> None:
    """A key given as an option: refuse it without echoing it (argparse would
    print the value back in its 'unrecognized arguments' message)."""
    for argument in argv:
        if argument == "--":
            return
        name = argument.partition("=")[0]
        if name in ("--api-key", "--api_key", "--key", "--auth-token", "--token"):
            raise _UsageError(
                f"{name} is not an option: the credential is read from "
                f"${KEY_VARIABLE} or ${TOKEN_VARIABLE} only, since on the command "
                "line it would land in shell history and in ps"
            )


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    _refuse_key_option(argv)
    args = _build_parser().parse_args(argv)
    # Given but empty (a variable that expanded to nothing, most likely): an
    # error, not a silent fall-back to $ANTHROPIC_BASE_URL or the default.
    if getattr(args, "base_url", None) == "":
        raise _UsageError(
            "--base-url is empty (leave it out for $ANTHROPIC_BASE_URL or "
            "https://api.anthropic.com)"
        )
    for name, default in _GLOBAL_DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, default)
    if args.base_url is None:
        args.base_url = os.environ.get("ANTHROPIC_BASE_URL") or None
    # A list flag given as `--flag a,b` is `--flag a --flag b`; a value of an
    # enum the spec lists is checked here (the library sends any value of an
    # open enum; the command line follows the spec it was generated from).
    operation: Operation | None = getattr(args, "operation", None)
    parameters = operation.parameters if operation is not None else ()
    for parameter in (*CLIENT_PARAMETERS.values(), *parameters):
        given = getattr(args, parameter.argument, None)
        if given is None:
            continue
        if parameter.type == "array" or parameter.join:
            separator = parameter.join or ","
            given = [item for value in given for item in value.split(separator)]
            convert = _CONVERTERS.get(parameter.item_type or "")
            if convert is not None:
                try:
                    given = [convert(item) for item in given]
                except (ValueError, argparse.ArgumentTypeError):
                    raise _UsageError(
                        f"argument {_flag(parameter)}: invalid "
                        f"{parameter.item_type} value in {given!r}"
                    ) from None
            setattr(args, parameter.argument, given)
        _check_enum(parameter, given if isinstance(given, list) else [given])
    return args


def _check_enum(parameter: Parameter, values: Sequence[object]) -> None:
    """A flag of a parameter whose schema lists its values takes those values: a
    typo is a usage error here rather than the API's 400."""
    if parameter.enum is None:
        return
    for value in values:
        if value not in parameter.enum:
            raise _UsageError(
                f"{_flag(parameter)}: unknown value {value!r} (choose from "
                f"{', '.join(parameter.enum)})"
            )


# -- output ------------------------------------------------------------------------


def _printable(text: str) -> str:
    """Text from the server as it may be shown on a terminal: control characters
    (escape sequences, newlines) are shown escaped instead of acted on."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _utc_z(value: datetime.datetime) -> str:
    """A date-time in the API's form: UTC as "Z"."""
    text = value.isoformat()
    return text[: -len("+00:00")] + "Z" if text.endswith("+00:00") else text


def _api_object(model: ModelInfo) -> dict[str, Any]:
    """The model as the API sent it: its field names, the documented fields in
    the generated class's order (the spec's; an allOf's branches one after the
    other) then any extra ones, and date-times in the API's UTC "Z" form."""
    fields = model.to_dict()
    for name in fields:
        # Only the spec's date-time fields are datetimes on the model (their JSON
        # and Python names are the same).
        value = getattr(model, name, None)
        if isinstance(value, datetime.datetime):
            fields[name] = _utc_z(value)
    # The generated to_dict() writes the extra fields first, then the documented
    # ones in the spec's order: put those first, as the API does.
    extra = model.additional_properties
    ordered = {name: value for name, value in fields.items() if name not in extra}
    ordered.update((name, fields[name]) for name in extra)
    return ordered


def _date(value: object) -> str:
    """A date-time field as the table shows it: its date, or "-" (null, absent)."""
    if not isinstance(value, datetime.datetime):
        return "-"
    # The API gives the epoch when it does not know the date.
    if value.tzinfo is not None and value.timestamp() == 0:
        return "unknown"
    return value.date().isoformat()


def _tokens(value: object) -> str:
    """A token count as the table shows it: 200,000, or "-" (null, absent)."""
    return f"{value:,}" if type(value) is int else "-"


def _status(model: ModelInfo) -> str:
    """Blank for an active model (or one that does not say); else its stage, and
    when it retires ("deprecated, retires 2026-12-01") or retired ("retired
    2025-10-22")."""
    stage = model.lifecycle
    # The stages as the spec's list filter knows them: a model that does not
    # say counts as `absent` (active), and the `unlisted` ones (retired) are gone.
    if not isinstance(stage, str) or stage == _STAGES.absent:
        return ""
    shown = _printable(stage)
    retires = _date(model.retires_at)
    if retires == "-":
        return shown
    if stage in _STAGES.unlisted:
        return f"{shown} {retires}"
    return f"{shown}, retires {retires}"


(_STAGES,) = {
    parameter.filter
    for operation in OPERATIONS.values()
    for parameter in operation.parameters
    if parameter.filter is not None
}


class _Table:
    """The aligned table of models (_TABLE_HEADERS), written page by page."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._widths: tuple[int, ...] | None = None

    def _line(self, cells: Sequence[str]) -> str:
        assert self._widths is not None
        padded = [
            cell.ljust(width) for cell, width in zip(cells, self._widths, strict=False)
        ]
        return (_GAP.join([*padded, cells[-1]])).rstrip() + "\n"

    def _start(self, rows: Sequence[Sequence[str]]) -> None:
        self._widths = tuple(
            max([floor, *(len(row[column]) for row in rows)])
            for column, floor in enumerate(_TABLE_FLOORS)
        )
        self._out.write(self._line(_TABLE_HEADERS))

    def add(self, models: Sequence[ModelInfo]) -> None:
        rows = [
            (
                _printable(model.id),
                _printable(model.display_name),
                _date(model.created_at),
                _tokens(model.max_input_tokens),
                _tokens(model.max_tokens),
                _status(model),
            )
            for model in models
        ]
        if self._widths is None:
            self._start(rows)
        self._out.write("".join(self._line(row) for row in rows))

    def finish(self) -> None:
        if self._widths is None:  # no model at all: the header alone
            self._start([])


def _json(value: object, indent: int | None = None) -> str:
    """Standard JSON only: never NaN or Infinity, which jq and most parsers
    refuse. The client refuses a response holding one (ResponseValidationError),
    so a model never carries one here; allow_nan=False makes sure of it."""
    return json.dumps(value, indent=indent, allow_nan=False)


class _JsonArray:
    """A JSON array of the API's model objects, one per line, written as they
    arrive. After an error the array stays unclosed: a consumer such as jq then
    fails instead of taking a partial listing for the whole one."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._count = 0

    def add(self, models: Sequence[ModelInfo]) -> None:
        parts = []
        for model in models:
            parts.append("[\n  " if self._count == 0 else ",\n  ")
            parts.append(_json(_api_object(model)))
            self._count += 1
        self._out.write("".join(parts))

    def finish(self) -> None:
        self._out.write("[]\n" if self._count == 0 else "\n]\n")


# -- the commands ------------------------------------------------------------------


def _batches(
    pager: SyncPager[ModelInfo, ListModelsResponse],
    maximum: int | None,
    *,
    backwards: bool,
) -> Iterator[list[ModelInfo]]:
    """The models to print, newest first, a page at a time, at most ``maximum``.

    Forwards, each page is printed as it arrives, and no page is fetched once
    ``maximum`` models are out. Backwards (--before-id) the API's pages move
    towards newer models, so the listing is gathered first (nearest to the cursor
    first, up to ``maximum``) and printed newest first in one batch.
    """
    if maximum == 0:
        return
    if backwards:
        nearest_first: list[ModelInfo] = []
        for page in pager.pages():
            nearest_first.extend(reversed(page.data))
            if maximum is not None and len(nearest_first) >= maximum:
                del nearest_first[maximum:]
                break
        yield nearest_first[::-1]
        return
    remaining = maximum
    for page in pager.pages():
        models = list(page.data)
        if remaining is not None:
            models = models[:remaining]
            remaining -= len(models)
        yield models
        if remaining == 0:
            return


def _call_arguments(operation: Operation, args: argparse.Namespace) -> dict[str, Any]:
    """The method's arguments, from the flags of the operation's parameters."""
    return {
        parameter.argument: getattr(args, parameter.argument)
        for parameter in operation.parameters
        if not parameter.owned and not parameter.client
    }


def _method(client: Client, operation: Operation) -> Any:
    """The method of the client that runs `operation`: client.<resource>.<name>."""
    resource: Any = client
    for name in operation.resource.split("."):
        resource = getattr(resource, name)
    return getattr(resource, operation.name)


def _list(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    operation: Operation = args.operation
    paging = operation.paging
    assert paging is not None
    arguments = _call_arguments(operation, args)
    if paging.limit is not None:
        size = operation.parameter(paging.limit)
        if arguments[size.argument] is None and args.max:
            # No point fetching more than will be printed.
            most = args.max if size.maximum is None else min(args.max, size.maximum)
            arguments[size.argument] = int(most)
    backward = paging.backward
    backwards = (
        backward is not None
        and arguments[operation.parameter(backward.cursor).argument] is not None
    )
    try:
        pager = _method(client, operation)(**arguments)
    except ValueError as exc:  # arguments are checked before anything is sent
        raise _UsageError(str(exc)) from None
    writer = _JsonArray(out) if args.json else _Table(out)
    for models in _batches(pager, args.max, backwards=backwards):
        writer.add(models)
        out.flush()  # a page at a time, so a reader sees models as they arrive
    writer.finish()


def _get(client: Client, args: argparse.Namespace, out: TextIO) -> None:
    operation: Operation = args.operation
    arguments = _call_arguments(operation, args)
    try:
        model = _method(client, operation)(**arguments)
    except ValueError as exc:  # the ID is checked before anything is sent
        raise _UsageError(str(exc)) from None
    fields = _api_object(model)
    if args.json:
        out.write(_json(fields, indent=2) + "\n")
        return
    lines = []
    (asked,) = [
        arguments[p.argument] for p in operation.parameters if p.location == "path"
    ]
    if model.id != asked:
        lines.append(f"{_printable(asked)} -> {_printable(model.id)}\n")
    capabilities = fields.pop("capabilities", None)
    width = max(len(name) for name in fields) + 1
    for name, value in fields.items():
        shown = value if isinstance(value, str) else json.dumps(value)
        lines.append(
            f"{_printable(name + ':').ljust(width)}{_GAP}{_printable(shown)}\n"
        )
    if isinstance(capabilities, dict):
        lines.append("capabilities:\n")
        lines += _capability_lines(capabilities)
    elif "capabilities" in model.to_dict():  # null
        lines.append(f"{'capabilities:'.ljust(width)}{_GAP}null\n")
    out.write("".join(lines))


def _supported_names(node: dict[str, Any], prefix: str = "") -> list[str]:
    """The names under a capability that are supported: its entries
    ``{"supported": true}``, and those of nested groups (``thinking.types``),
    whatever their names, so new capabilities show as they arrive."""
    names = []
    for name, value in node.items():
        if not isinstance(value, dict):
            continue  # `supported` itself, a null entry, an extra scalar
        if "supported" in value:
            if value["supported"] is True:
                names.append(prefix + name)
        else:
            names += _supported_names(value)
    return names


def _capability_lines(capabilities: dict[str, Any]) -> list[str]:
    """One readable line per capability: yes or no, and which of its entries the
    model supports (``thinking  yes: disabled, enabled``)."""
    width = max((len(name) for name in capabilities), default=0)
    lines = []
    for name, value in capabilities.items():
        if isinstance(value, dict) and isinstance(value.get("supported"), bool):
            shown = "yes" if value["supported"] else "no"
            parts = _supported_names(value)
            if parts and value["supported"]:
                shown += ": " + ", ".join(parts)
        else:
            shown = json.dumps(value)
        lines.append(f"  {_printable(name).ljust(width)}{_GAP}{_printable(shown)}\n")
    return lines


class _Progress:
    """ "read N of M files" on stderr, rewritten in place, once the scan has
    taken more than a moment (only on a terminal: the caller decides)."""

    DELAY = 0.5  # seconds before the first line: a quick scan shows nothing
    EVERY = 0.1  # seconds between updates

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._start = time.monotonic()
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._start < self.DELAY or now - self._last < self.EVERY:
            return
        self._last = now
        self._shown = True
        self._stream.write(f"\r{PROG}: audit: read {done:,} of {total:,} files")
        self._stream.flush()

    def clear(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[K")  # back to the start; erase the line
            self._stream.flush()


def _audit(client: Client | None, args: argparse.Namespace, out: TextIO) -> int:
    """The audit: ``client`` None reads the snapshot of --catalogue instead."""
    from . import __version__
    from .audit import Catalogue, Status, audit

    try:
        if client is None:
            catalogue = Catalogue.from_snapshot(args.catalogue)
        else:
            catalogue = Catalogue.from_client(client)
    except ValueError as exc:  # an unreadable snapshot, a bad beta name
        raise _UsageError(str(exc)) from None
    if args.json and args.sarif == "-":
        raise _UsageError("--json and --sarif - both write to stdout: choose one")
    progress = _Progress(sys.stderr) if sys.stderr.isatty() else None
    try:
        report = audit(
            catalogue,
            args.paths,
            include=args.include,
            exclude=args.exclude,
            max_file_size=args.max_file_size or None,
            now=args.as_of,
            progress=progress,
        )
    except ValueError as exc:  # a PATH that does not exist
        raise _UsageError(str(exc)) from None
    finally:
        if progress is not None:
            progress.clear()
    if args.sarif is not None:
        sarif = json.dumps(report.to_sarif(tool_version=__version__), indent=2)
        if args.sarif == "-":
            out.write(sarif + "\n")
        else:
            try:
                with open(args.sarif, "w", encoding="utf-8") as handle:
                    handle.write(sarif + "\n")
            except OSError as exc:
                raise _UsageError(f"--sarif {args.sarif}: {exc.strerror}") from None
    if args.json:
        out.write(json.dumps(report.to_dict(), indent=2) + "\n")
    elif args.sarif != "-":
        _audit_table(report, out)
    if args.fail_on != _NEVER and report.at_or_above(Status(args.fail_on)):
        return EXIT_FINDINGS
    return EXIT_OK


_AUDIT_HEADERS = ("LOCATION", "MODEL", "STATUS", "RETIRES", "SUGGESTION")


def _audit_table(report: AuditReport, out: TextIO) -> None:
    """The findings other than active models, aligned, then a summary line."""
    from .audit import Status

    rows = []
    for finding in report.findings:
        if finding.status is Status.ACTIVE:
            continue
        model = finding.text
        if finding.model_id is not None and finding.model_id != finding.text:
            model += f" -> {finding.model_id}"
        suggestion = finding.suggestion_id or "-"
        if finding.capabilities_lost:
            suggestion += " (lacks " + ", ".join(finding.capabilities_lost) + ")"
        retires = finding.retires_at
        rows.append(
            tuple(
                _printable(cell)
                for cell in (
                    f"{finding.path}:{finding.line}:{finding.column}",
                    model,
                    str(finding.status),
                    "-" if retires is None else retires.date().isoformat(),
                    suggestion,
                )
            )
        )
    lines = []
    if rows:
        widths = [
            max(len(row[column]) for row in [_AUDIT_HEADERS, *rows])
            for column in range(len(_AUDIT_HEADERS) - 1)
        ]
        for row in [_AUDIT_HEADERS, *rows]:
            padded = [
                cell.ljust(width) for cell, width in zip(row, widths, strict=False)
            ]
            lines.append(_GAP.join([*padded, row[-1]]).rstrip() + "\n")
    lines.append(_audit_summary(report) + "\n")
    out.write("".join(lines))


def _audit_summary(report: AuditReport) -> str:
    """``3 mentions (2 retired, 1 overdue) in 12 files read; 2 skipped (1 binary,
    1 too large); 4 mentions of active models not shown``."""
    counts = report.counts()
    from .audit import Status

    active = counts.pop(Status.ACTIVE)
    shown = sum(counts.values())
    parts = [f"{count} {status}" for status, count in counts.items() if count]
    text = f"{shown} mention{'' if shown == 1 else 's'}"
    if parts:
        text += f" ({', '.join(parts)})"
    read = report.files_scanned
    text += f" in {read:,} file{'' if read == 1 else 's'} read"
    if report.skipped:
        reasons: dict[str, int] = {}
        for skipped in report.skipped:
            reasons[skipped.reason] = reasons.get(skipped.reason, 0) + 1
        text += (
            f"; {len(report.skipped)} skipped ("
            + ", ".join(f"{count} {reason}" for reason, count in reasons.items())
            + ")"
        )
    if active:
        text += (
            "; 1 mention of an active model not shown"
            if active == 1
            else f"; {active} mentions of active models not shown"
        )
    return text


# -- running -----------------------------------------------------------------------


def _debug_log() -> Callable[[], None]:
    """Send the library's log, from DEBUG up, to stderr; return the undo. The
    library redacts the key in every record it makes (no second pass here)."""
    logger = logging.getLogger("anthropic_models")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter(f"%(asctime)s {PROG}: %(levelname)s %(message)s")
    )
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)

    def undo() -> None:
        logger.removeHandler(handler)
        logger.setLevel(level)

    return undo


def _report(message: str) -> None:
    """One line on stderr, control characters escaped."""
    line = _printable(" ".join(message.split()))
    try:
        sys.stderr.write(f"{PROG}: error: {line}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr closed too: nowhere left to report
        pass


def _report_usage(error: _UsageError, secrets: Sequence[str]) -> None:
    """A usage error quotes the command line (argparse repeats what it did not
    recognise), where a pasted credential must not be echoed. The library's own
    exceptions need no such pass: they come redacted."""
    from .errors import redact_key  # the library's one redaction (lazily: see _run)

    message = str(error)
    for secret in secrets:
        message = redact_key(message, secret)
    _report(message)


def _run(args: argparse.Namespace, out: TextIO) -> int:
    # Imported here rather than at the top: today anthropic_models/__init__.py
    # imports the client (and httpx) eagerly anyway, but with a lazy package
    # __init__ this would keep `--help` near 20 ms of imports instead of 150 ms.

    from ._client import Client
    from .errors import AnthropicModelsError, APIStatusError

    # The credential: the Client reads $ANTHROPIC_API_KEY / $ANTHROPIC_AUTH_TOKEN
    # itself (one rule for which one is sent).
    options: dict[str, Any] = {
        "base_url": args.base_url,
        **{name: getattr(args, name) for name in CLIENT_PARAMETERS},
    }
    if args.timeout is not None:
        options["timeout"] = args.timeout
    if args.max_retries is not None:
        options["max_retries"] = args.max_retries
    if args.command == "audit" and args.catalogue is not None:
        # Offline: no client, no credential, nothing sent.
        status = _audit(None, args, out)
        out.flush()
        return status
    try:
        client = Client(**options)  # checks the base URL, among other things
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    try:
        with client:
            if args.command == "audit":
                status = _audit(client, args, out)
            else:
                # An operation that pages lists models; any other shows one.
                run = _list if args.operation.paging is not None else _get
                run(client, args, out)
                status = EXIT_OK
            out.flush()
    except APIStatusError as exc:
        # e.g. "NotFoundError 404 not_found_error: model: x (request-id: req_...)"
        _report(f"{type(exc).__name__} {exc}")
        return EXIT_API_ERROR
    except AnthropicModelsError as exc:  # connection, timeout, invalid response
        _report(f"{type(exc).__name__}: {exc}")
        return EXIT_API_ERROR
    return status


def _discard_stdout() -> None:
    """After the reader of stdout has gone: point fd 1 at /dev/null, so that the
    interpreter's final flush of what is still buffered in sys.stdout does not
    fail again and print "Exception ignored ... BrokenPipeError" (the recipe of
    the signal module's documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``); return the exit
    status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    secrets = tuple(value for value in map(os.environ.get, _SECRET_VARIABLES) if value)
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper):
        # A model name the terminal's encoding cannot show is escaped, not fatal.
        out.reconfigure(errors="backslashreplace")
    undo_log: Callable[[], None] | None = None
    try:
        try:
            args = _parse(arguments)
            offline = getattr(args, "catalogue", None) is not None
            if not secrets and not offline:
                raise _UsageError(
                    f"${KEY_VARIABLE} is not set (nor ${TOKEN_VARIABLE}): the "
                    "credential is read from the environment only"
                )
            if args.verbose:
                undo_log = _debug_log()
            return _run(args, out)
        except _UsageError as exc:
            _report_usage(exc, secrets)
            return EXIT_USAGE
        except SystemExit as exc:  # --help and --version, after printing
            out.flush()
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        finally:
            if undo_log is not None:
                undo_log()
    except BrokenPipeError:
        # The reader of stdout stopped early (`anthropic-models list | head -3`).
        # The library turns its own socket errors into APIConnectionError, so a
        # BrokenPipeError here comes from writing stdout. The reader chose to stop:
        # not a failure of this command, so exit 0 quietly. 141 (death by SIGPIPE)
        # would fail `set -o pipefail` scripts for reading only what they needed.
        _discard_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        # Ctrl-C: the conventional status, without Python's traceback.
        return EXIT_INTERRUPTED
