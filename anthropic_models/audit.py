"""Find the deprecated and retired Claude models a codebase still names.

    from anthropic_models import Client
    from anthropic_models.audit import Catalogue, audit

    with Client() as client:
        report = audit(Catalogue.from_client(client), ["."])
    for finding in report.findings:
        print(finding.path, finding.line, finding.status, finding.suggestion_id)

Three steps, each usable alone:

1. **Mentions.** Every token shaped like a Claude model ID or alias
   (``claude-`` followed by lowercase letters, digits, dots and hyphens, with at
   least one digit: ``claude-opus-4-5``, ``claude-3-5-haiku-20241022``,
   ``claude-2.1``) in the files given, with its file, line and column.
2. **Resolution.** Each distinct token is resolved once. An exact model ID is
   looked up in the catalogue; anything else is asked of ``client.models.get``
   (which resolves aliases), memoised, and a 404 means "not a model" (the mention
   is dropped). From a snapshot file there is no one to ask: a token that is not
   an ID in the snapshot is reported ``unresolved``, never guessed.
3. **Classification and suggestion.** The model's ``lifecycle`` decides the
   status; a ``deprecated`` model whose ``retires_at`` has passed is
   ``overdue`` (not retired: ``lifecycle`` says whether the retirement
   happened). The suggested replacement is the newest ``active`` model of the
   same ``line`` (by ``created_at``), none when the line is null; a line is
   never inferred from an ID. Capabilities the suggestion lacks (a
   ``supported: true`` entry of the old model's capabilities tree that is false
   or absent in the suggestion's) are listed.

Files: inside a git work tree, what git tracks or would track (``git ls-files
--cached --others --exclude-standard``, so ``.gitignore`` holds); elsewhere a
walk of the tree. Binary files (a NUL byte in the first 8,000 bytes, git's own
test) and files over ``max_file_size`` are skipped and reported as skipped; a
symlink is followed only to a file inside the tree it was found in.

This module knows nothing of the command line; ``anthropic-models audit`` is a
face on it.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import fnmatch
import json
import os
import re
import stat
import subprocess
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from generated_client.models import ModelInfo, ModelInfoLifecycle
from generated_client.types import Unset

from ._spec import OPERATIONS, PAGING
from ._validation import InvalidPayload

if TYPE_CHECKING:
    from ._client import Client

__all__ = [
    "DEFAULT_MAX_FILE_SIZE",
    "AuditReport",
    "Catalogue",
    "Finding",
    "Mention",
    "SkippedFile",
    "Status",
    "audit",
    "capabilities_lost",
    "collect_files",
    "find_mentions",
]

# 1 MiB. Code, configuration, prompts and docs, the files that name a model,
# are almost never larger; what is (data sets, lockfiles, minified bundles,
# vendored archives) costs most of a scan's reading time and rarely holds a
# hand-written model ID. A skipped file is reported, never silently dropped,
# and the limit is an argument (and the command's --max-file-size).
DEFAULT_MAX_FILE_SIZE = 1024 * 1024

# git's own test for a binary file: a NUL byte among the first 8,000 bytes.
_BINARY_PROBE = 8000

_PREFIX = b"claude-"
# A run of the characters model IDs and aliases are made of, taken whole
# (possessive: no shorter match is tried when the run is followed by a character
# that continues an identifier).
_TOKEN = re.compile(rb"claude-[a-z0-9.-]*+(?![A-Za-z_])")
# What may not come right before "claude-": a token starts a word (so
# "my-claude-3" is not one). A dot may ("anthropic.claude-...").
_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
_DIGIT = re.compile(rb"\d")


def _largest_page() -> int | None:
    """The most models one page of the listing may hold (the spec's bound on its
    page size): the fewest requests for the whole catalogue."""
    if PAGING.limit is None:
        return None
    # Every list pages alike (PAGING); the least of their bounds is safe on each.
    bounds = [
        op.parameter(PAGING.limit).maximum
        for op in OPERATIONS.values()
        if op.paging == PAGING
    ]
    if None in bounds:
        return None
    return int(min(b for b in bounds if b is not None))


_LARGEST_PAGE = _largest_page()


class Status(enum.StrEnum):
    """What a mention names, worst first."""

    # The stages' own statuses are named as the spec names the stages (the
    # generated enum); the others are the audit's.
    RETIRED = ModelInfoLifecycle.RETIRED.value
    """A model whose ``lifecycle`` is ``retired``: requests naming it fail."""
    OVERDUE = "overdue"
    """``deprecated``, and its ``retires_at`` has passed: it may go any day."""
    DEPRECATED = ModelInfoLifecycle.DEPRECATED.value
    """``deprecated``, retirement not yet due (or not scheduled)."""
    UNKNOWN = "unknown"
    """A model whose ``lifecycle`` is absent or a stage this library does not
    know (the API says more stages may come)."""
    UNRESOLVED = "unresolved"
    """Offline only: a token the snapshot does not name (an alias, most likely)."""
    ACTIVE = ModelInfoLifecycle.ACTIVE.value
    """An ``active`` model."""

    @property
    def severity(self) -> int:
        """3 retired, 2 overdue, 1 deprecated, 0 for the rest: a status is "at
        or above" a level when its severity is at least the level's."""
        return _SEVERITY.get(self, 0)


_SEVERITY = {Status.RETIRED: 3, Status.OVERDUE: 2, Status.DEPRECATED: 1}


@dataclass(frozen=True)
class Mention:
    """A token shaped like a model ID or alias, where it was found: ``line`` and
    ``column`` count from 1, the column in characters (Unicode code points)."""

    path: str
    line: int
    column: int
    text: str


@dataclass(frozen=True)
class SkippedFile:
    """A file the scan did not read, and why: ``"binary"``, ``"too large"``,
    ``"unreadable"`` or ``"outside the tree"`` (a symlink pointing out)."""

    path: str
    reason: str


@dataclass(frozen=True, eq=False)
class Finding:
    """A mention of a model, classified. ``model`` is None only when ``status``
    is UNRESOLVED; ``suggestion`` is the replacement (None for an active model,
    or when there is none)."""

    mention: Mention
    status: Status
    model: ModelInfo | None
    suggestion: ModelInfo | None = None
    capabilities_lost: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        return self.mention.path

    @property
    def line(self) -> int:
        return self.mention.line

    @property
    def column(self) -> int:
        return self.mention.column

    @property
    def text(self) -> str:
        return self.mention.text

    @property
    def model_id(self) -> str | None:
        return None if self.model is None else self.model.id

    @property
    def suggestion_id(self) -> str | None:
        return None if self.suggestion is None else self.suggestion.id

    @property
    def retires_at(self) -> datetime.datetime | None:
        return None if self.model is None else _datetime(self.model.retires_at)

    @property
    def deprecated_at(self) -> datetime.datetime | None:
        return None if self.model is None else _datetime(self.model.deprecated_at)

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data (dates in the API's UTC "Z" form)."""
        lifecycle = None if self.model is None else _text(self.model.lifecycle)
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "status": str(self.status),
            "model": self.model_id,
            "lifecycle": lifecycle,
            "deprecated_at": _utc_z(self.deprecated_at),
            "retires_at": _utc_z(self.retires_at),
            "suggestion": self.suggestion_id,
            "capabilities_lost": list(self.capabilities_lost),
        }

    def message(self) -> str:
        """One sentence for a person: what the mention names, its date, and the
        suggestion (``claude-3-opus-latest (claude-3-opus-20240229) is retired on
        2026-01-05: requests naming it fail. Use claude-opus-4-5-20251101
        instead.``)."""
        named = self.text
        if self.model is not None and self.model.id != self.text:
            named = f"{self.text} ({self.model.id})"
        retires = _day(self.retires_at)
        if self.status is Status.RETIRED:
            state = f"{self.status} on {retires}" if retires else str(self.status)
            state += ": requests naming it fail"
        elif self.status is Status.OVERDUE:
            state = f"deprecated, and its retirement on {retires} is overdue"
        elif self.status is Status.DEPRECATED:
            state = "deprecated, " + (
                f"retiring on {retires}" if retires else "no retirement date yet"
            )
        elif self.status is Status.UNRESOLVED:
            return (
                f"{self.text} is not a model ID in the catalogue snapshot (an alias "
                "cannot be resolved offline)."
            )
        elif self.status is Status.UNKNOWN:
            stage = None if self.model is None else _text(self.model.lifecycle)
            state = f"in lifecycle stage {stage!r}" if stage else "of unknown stage"
        else:
            state = str(self.status)
        sentence = f"{named} is {state}."
        if self.suggestion is not None:
            sentence += f" Use {self.suggestion.id} instead"
            if self.capabilities_lost:
                sentence += " (it lacks: " + ", ".join(self.capabilities_lost) + ")"
            sentence += "."
        elif self.status.severity and self.model is not None:
            if _text(self.model.line) is None:
                sentence += " It belongs to no model line: no replacement to suggest."
            else:
                sentence += " No active model of its line to suggest."
        return sentence


@dataclass(frozen=True, eq=False)
class AuditReport:
    """What :func:`audit` found: every finding (active models included), the
    number of files read, and the files skipped."""

    findings: tuple[Finding, ...]
    files_scanned: int
    skipped: tuple[SkippedFile, ...] = ()
    offline: bool = False

    def at_or_above(self, level: Status) -> tuple[Finding, ...]:
        """The findings at least as severe as ``level`` (RETIRED, OVERDUE or
        DEPRECATED)."""
        if not level.severity:
            raise ValueError(
                f"level must be retired, overdue or deprecated, got {level!r}"
            )
        return tuple(f for f in self.findings if f.status.severity >= level.severity)

    def counts(self) -> dict[str, int]:
        """How many findings of each status, every status listed."""
        counts = {str(status): 0 for status in Status}
        for finding in self.findings:
            counts[str(finding.status)] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "findings": [finding.to_dict() for finding in self.findings],
            "counts": self.counts(),
            "files_scanned": self.files_scanned,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "offline": self.offline,
        }

    def to_sarif(self, *, tool_version: str | None = None) -> dict[str, Any]:
        """The report as a SARIF 2.1.0 log: one rule per status that is reported
        (active mentions are not), ``error`` for retired, ``warning`` for overdue
        and deprecated, ``note`` for unresolved and unknown."""
        return _sarif(self, tool_version)


# -- the catalogue -----------------------------------------------------------------


class Catalogue:
    """The models an audit judges by, and the way it resolves what they are not.

    ``models`` are every model, in every lifecycle stage; ``resolve`` (when
    given) is asked about a token that is not one of their IDs, and returns the
    model or None for "not a model". Without it the catalogue is offline: such
    a token is unresolved. Each token is resolved once. ``models`` may be a
    function that returns them: it is called the first time they are needed
    (an audit that finds no mention fetches nothing).
    """

    def __init__(
        self,
        models: Iterable[ModelInfo] | Callable[[], Iterable[ModelInfo]],
        *,
        resolve: Callable[[str], ModelInfo | None] | None = None,
    ) -> None:
        self._load = models if callable(models) else None
        self._models: tuple[ModelInfo, ...] = () if callable(models) else tuple(models)
        self._by_id = {model.id: model for model in self._models}
        self._resolve = resolve
        self._resolved: dict[str, ModelInfo | None] = {}
        self._suggestions: dict[str, ModelInfo | None] = {}

    @property
    def models(self) -> tuple[ModelInfo, ...]:
        """Every model, in the catalogue's order (newest first from the API)."""
        self._ensure_loaded()
        return self._models

    def _ensure_loaded(self) -> None:
        if self._load is not None:
            self._models = tuple(self._load())  # an error leaves it to load again
            self._by_id = {model.id: model for model in self._models}
            self._load = None

    @property
    def online(self) -> bool:
        """Whether a token that is not a model ID can be asked about."""
        return self._resolve is not None

    @classmethod
    def from_client(
        cls, client: Client, *, betas: Iterable[str] | None = None
    ) -> Catalogue:
        """Every model of every lifecycle stage (the stages of the generated
        ``ModelInfoLifecycle``: the API lists only active and deprecated ones
        by default), with aliases resolved by ``client.models.get`` (a 404 is
        "not a model"; any other error propagates)."""
        from .errors import NotFoundError

        beta_names = None if betas is None else tuple(betas)
        # Checked now (a bad beta name is a ValueError here); fetched when first
        # needed.
        pager = client.models.list(
            limit=_LARGEST_PAGE, lifecycle=list(ModelInfoLifecycle), betas=beta_names
        )

        def resolve(token: str) -> ModelInfo | None:
            try:
                return client.models.get(token, betas=beta_names)
            except NotFoundError:
                return None
            except ValueError:  # not even a valid model ID: not a model
                return None

        return cls(lambda: list(pager), resolve=resolve)

    @classmethod
    def from_snapshot(cls, path: str | os.PathLike[str]) -> Catalogue:
        """The models in a snapshot: the JSON array ``anthropic-models list
        --json --lifecycle active,deprecated,retired`` writes (each item a model
        object, checked against the spec). Offline: aliases are unresolved.
        Raises ValueError naming the file and the item when it is not one."""
        from ._parsers import parse_model_info

        name = os.fspath(path)
        try:
            with open(name, "rb") as handle:
                payload = json.load(handle)
        except (OSError, ValueError, RecursionError) as exc:
            raise ValueError(f"catalogue {name}: cannot read it: {exc}") from None
        if isinstance(payload, dict) and isinstance(payload.get("data"), list):
            payload = payload["data"]  # a saved page of the API works too
        if not isinstance(payload, list):
            raise ValueError(
                f"catalogue {name}: not a JSON array of models (what "
                "'anthropic-models list --json' writes)"
            )
        models = []
        for index, item in enumerate(payload):
            try:
                models.append(parse_model_info(item))
            except InvalidPayload as exc:
                raise ValueError(
                    f"catalogue {name}: item {index} is not a model: {exc}"
                ) from None
        return cls(models)

    def resolve(self, token: str) -> ModelInfo | None:
        """The model ``token`` names: by exact ID, else by asking (memoised).
        None: not a model (online) or unresolved (offline)."""
        self._ensure_loaded()
        model = self._by_id.get(token)
        if model is not None:
            return model
        if self._resolve is None:
            return None
        if token not in self._resolved:
            self._resolved[token] = self._resolve(token)
        return self._resolved[token]

    def suggestion(self, model: ModelInfo) -> ModelInfo | None:
        """The newest active model of ``model``'s line (by ``created_at``; on a
        tie, the first in the catalogue's order), other than ``model`` itself;
        None when its line is null or absent, or the line has no active model."""
        line = _text(model.line)
        if line is None:
            return None
        if line not in self._suggestions:
            best: ModelInfo | None = None
            for candidate in self.models:
                if _text(candidate.line) != line:
                    continue
                if candidate.lifecycle != ModelInfoLifecycle.ACTIVE:
                    continue
                if best is None or candidate.created_at > best.created_at:
                    best = candidate
            self._suggestions[line] = best
        best = self._suggestions[line]
        return None if best is None or best.id == model.id else best


def _text(value: object) -> str | None:
    """An enum-or-string field as its string; None when null or absent."""
    if isinstance(value, Unset) or value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    return value if isinstance(value, str) else None


def _datetime(value: object) -> datetime.datetime | None:
    return value if isinstance(value, datetime.datetime) else None


def _utc_z(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    text = value.isoformat()
    return text[: -len("+00:00")] + "Z" if text.endswith("+00:00") else text


def _day(value: datetime.datetime | None) -> str | None:
    return None if value is None else value.date().isoformat()


# -- classification ----------------------------------------------------------------


def _status(model: ModelInfo, now: datetime.datetime) -> Status:
    stage = model.lifecycle
    if stage == ModelInfoLifecycle.RETIRED:
        return Status.RETIRED
    if stage == ModelInfoLifecycle.DEPRECATED:
        retires = _datetime(model.retires_at)
        if retires is not None and _aware(retires) <= now:
            return Status.OVERDUE
        return Status.DEPRECATED
    if stage == ModelInfoLifecycle.ACTIVE:
        return Status.ACTIVE
    return Status.UNKNOWN


def _aware(value: datetime.datetime) -> datetime.datetime:
    """A naive date-time (the API sends none; a snapshot might) taken as UTC."""
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)


def _supported(node: object, path: str, into: set[str]) -> None:
    """Collect the dotted path of every mapping whose ``supported`` is true,
    walking the whole tree: whatever the capabilities are called, new ones
    included (they arrive as extra properties, kept by ``to_dict()``)."""
    if not isinstance(node, Mapping):
        return
    if node.get("supported") is True and path:
        into.add(path)
    for key, child in node.items():
        if isinstance(child, Mapping):
            _supported(child, f"{path}.{key}" if path else str(key), into)


def _capability_tree(model: ModelInfo) -> dict[str, Any] | None:
    capabilities = model.capabilities
    if capabilities is None or isinstance(capabilities, Unset):
        return None
    return capabilities.to_dict()


def capabilities_lost(old: ModelInfo, new: ModelInfo) -> tuple[str, ...]:
    """The capabilities ``old`` supports and ``new`` does not (false, null or
    absent there), as dotted wire paths (``thinking.types.enabled``), sorted;
    an entry whose whole group is lost is named by the group alone. Empty when
    ``old`` says nothing of its capabilities."""
    old_tree = _capability_tree(old)
    if old_tree is None:
        return ()
    had: set[str] = set()
    _supported(old_tree, "", had)
    has: set[str] = set()
    _supported(_capability_tree(new) or {}, "", has)
    lost = had - has
    return tuple(
        sorted(
            path
            for path in lost
            if not any(path.startswith(group + ".") for group in lost)
        )
    )


# -- files -------------------------------------------------------------------------


def _matches(relative: str, globs: Sequence[str]) -> bool:
    """fnmatch against the path relative to its root (``*`` crosses ``/``) or
    against the file's name alone: ``*.py``, ``docs/*``, ``.env``."""
    name = relative.rsplit("/", 1)[-1]
    return any(
        fnmatch.fnmatchcase(relative, glob) or fnmatch.fnmatchcase(name, glob)
        for glob in globs
    )


# What git tracks or would track: tracked files, plus untracked ones that
# .gitignore (and .git/info/exclude, the global excludes file) does not exclude.
_GIT_LS_FILES = ("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z")


def _git_files(root: str) -> list[str] | None:
    """The files git tracks or would track under ``root`` (relative to it), or
    None when ``root`` is not in a git work tree (or git is missing)."""
    try:
        done = subprocess.run(
            [*_GIT_LS_FILES[:1], "-C", root, *_GIT_LS_FILES[1:]],
            capture_output=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except OSError:
        return None
    if done.returncode != 0:
        return None
    # --cached and --others can both name a file (tracked, then re-added as an
    # untracked path in a conflict): once each, in git's order.
    names = os.fsdecode(done.stdout).split("\0")
    return list(dict.fromkeys(name for name in names if name))


def _walked_files(root: str) -> list[str]:
    """Every file under ``root`` (relative to it), symlinked directories not
    entered, ``.git`` folders left out; in a stable (sorted) order."""
    found: list[str] = []
    for directory, subdirectories, files in os.walk(root, followlinks=False):
        subdirectories[:] = sorted(d for d in subdirectories if d != ".git")
        relative = os.path.relpath(directory, root)
        # Joined by hand: os.path.join per file was a tenth of a large scan.
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found.extend(prefix + name for name in sorted(files))
    return found


def collect_files(
    paths: Iterable[str | os.PathLike[str]] = (".",),
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    max_file_size: int | None = DEFAULT_MAX_FILE_SIZE,
) -> tuple[list[str], list[SkippedFile]]:
    """The files to scan under ``paths`` (directories or files), and those
    skipped before reading (too large, a symlink out of its tree).

    A directory inside a git work tree gives what git tracks or would track;
    elsewhere, a walk. A file given by name is taken as it is (``include`` and
    ``exclude`` apply to what is found in directories). A symlink is followed
    only to a file inside the directory given, and a file reached twice is read
    once. ``max_file_size`` None means no limit. Raises ValueError for a path
    that does not exist.
    """
    if max_file_size is not None and (
        type(max_file_size) is not int or max_file_size < 1
    ):
        raise ValueError(
            f"max_file_size must be a positive int or None, got {max_file_size!r}"
        )
    files: list[str] = []
    skipped: list[SkippedFile] = []
    # A file reached twice (a symlink to a file also listed) is read once: by
    # device and inode, which the stat below gives for free.
    seen: set[tuple[int, int]] = set()

    def take(shown: str, info: os.stat_result) -> None:
        if not stat.S_ISREG(info.st_mode):
            return  # a submodule's folder, a FIFO, a device
        key = (info.st_dev, info.st_ino)
        if key in seen:
            return
        seen.add(key)
        if max_file_size is not None and info.st_size > max_file_size:
            skipped.append(SkippedFile(shown, "too large"))
            return
        files.append(shown)

    for given in paths:
        name = os.fspath(given)
        if not os.path.lexists(name):
            raise ValueError(f"path {name!r} does not exist")
        if not os.path.isdir(name):
            with contextlib.suppress(OSError):  # a dangling symlink
                take(name, os.stat(name))
            continue
        root = os.path.realpath(name)
        base = "" if name in (".", "./") else name.rstrip("/") + "/"
        listed = _git_files(name)
        relatives = listed if listed is not None else _walked_files(name)
        for relative in relatives:
            if include and not _matches(relative, include):
                continue
            if exclude and _matches(relative, exclude):
                continue
            shown = base + relative
            # One lstat a file. Only the last component can be a symlink: git
            # lists no path through a symlinked folder, and the walk enters none.
            # So only a symlink needs resolving (realpath costs an lstat a
            # component, and was most of a large scan's time).
            try:
                info = os.lstat(shown)
                if stat.S_ISLNK(info.st_mode):
                    real = os.path.realpath(shown)
                    if os.path.commonpath([root, real]) != root:
                        skipped.append(SkippedFile(shown, "outside the tree"))
                        continue
                    info = os.stat(real)
            except OSError:
                continue  # deleted since git listed it, or a dangling link
            take(shown, info)
    return files, skipped


# -- mentions ----------------------------------------------------------------------


def _mentions_in(path: str, data: bytes) -> list[Mention]:
    found = []
    line = 1
    line_start = 0  # byte offset where `line` starts
    counted_to = 0
    for match in _TOKEN.finditer(data):
        start = match.start()
        if start and data[start - 1] in _WORD:
            continue
        token = match.group().rstrip(b".-")
        if not _DIGIT.search(token, len(_PREFIX)):
            continue
        line += data.count(b"\n", counted_to, start)
        counted_to = start
        line_start = data.rfind(b"\n", 0, start) + 1
        prefix = data[line_start:start].decode("utf-8", "replace")
        found.append(Mention(path, line, len(prefix) + 1, token.decode("ascii")))
    return found


def _read(path: str) -> bytes:
    """The whole file. os.open/os.read of the size fstat gives, rather than
    open().read(): half the time a file on a 20,000-file scan (no buffered
    reader object, no second read to meet the end)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size + 1)
        if len(data) <= size:
            return data
        chunks = [data]  # the file grew since: read to its end
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def find_mentions(
    files: Iterable[str],
    *,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Mention], list[SkippedFile], int]:
    """Read ``files`` and return the mentions in them, the files skipped
    (binary, unreadable) and the number of files read. ``progress`` (if given)
    is called with the number of files done after each one."""
    mentions: list[Mention] = []
    skipped: list[SkippedFile] = []
    read = 0
    for done, path in enumerate(files, 1):
        try:
            data = _read(path)
        except OSError:
            skipped.append(SkippedFile(path, "unreadable"))
            continue
        if data.find(b"\0", 0, _BINARY_PROBE) != -1:
            skipped.append(SkippedFile(path, "binary"))
        else:
            read += 1
            # Most files name no model: one fast substring search rules them
            # out before the regular expression runs.
            if _PREFIX in data:
                mentions.extend(_mentions_in(path, data))
        if progress is not None:
            progress(done)
    return mentions, skipped, read


def audit(
    catalogue: Catalogue,
    paths: Iterable[str | os.PathLike[str]] = (".",),
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    max_file_size: int | None = DEFAULT_MAX_FILE_SIZE,
    now: datetime.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AuditReport:
    """Find, resolve and classify every mention of a model under ``paths``.

    ``now`` (default: the current time, UTC) decides which retirements are
    overdue. ``progress(done, total)`` is called as files are read. Findings
    are in file order, then line and column; a token that is not a model is
    left out. Errors resolving an alias online (other than a 404) propagate.
    """
    moment = _aware(now) if now is not None else datetime.datetime.now(datetime.UTC)
    files, skipped = collect_files(
        paths, include=include, exclude=exclude, max_file_size=max_file_size
    )
    total = len(files)
    mentions, unread, read = find_mentions(
        files,
        progress=None if progress is None else lambda done: progress(done, total),
    )
    findings = []
    for mention in mentions:
        model = catalogue.resolve(mention.text)
        if model is None:
            if catalogue.online:
                continue  # a 404: not a model
            findings.append(Finding(mention, Status.UNRESOLVED, None))
            continue
        status = _status(model, moment)
        suggestion = None if status is Status.ACTIVE else catalogue.suggestion(model)
        lost = () if suggestion is None else capabilities_lost(model, suggestion)
        findings.append(Finding(mention, status, model, suggestion, lost))
    return AuditReport(
        tuple(findings),
        files_scanned=read,
        skipped=tuple(skipped + unread),
        offline=not catalogue.online,
    )


# -- SARIF -------------------------------------------------------------------------

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json"
)


@dataclass(frozen=True)
class _Rule:
    id: str
    name: str
    level: str
    text: str


_RULES: dict[Status, _Rule] = {
    Status.RETIRED: _Rule(
        "retired-model",
        "RetiredModel",
        "error",
        "A retired Claude model is named: requests naming it fail.",
    ),
    Status.OVERDUE: _Rule(
        "overdue-model",
        "OverdueModel",
        "warning",
        "A deprecated Claude model whose scheduled retirement has passed is named.",
    ),
    Status.DEPRECATED: _Rule(
        "deprecated-model",
        "DeprecatedModel",
        "warning",
        "A deprecated Claude model is named: it is headed for retirement.",
    ),
    Status.UNKNOWN: _Rule(
        "unknown-stage-model",
        "UnknownStageModel",
        "note",
        "A Claude model in a lifecycle stage this tool does not know is named.",
    ),
    Status.UNRESOLVED: _Rule(
        "unresolved-model",
        "UnresolvedModel",
        "note",
        "A token shaped like a Claude model ID is not in the catalogue snapshot.",
    ),
}


_RULE_ORDER = list(_RULES.values())


def _sarif(report: AuditReport, tool_version: str | None) -> dict[str, Any]:
    driver: dict[str, Any] = {
        "name": "anthropic-models audit",
        "rules": [
            {
                "id": rule.id,
                "name": rule.name,
                "shortDescription": {"text": rule.text},
                "defaultConfiguration": {"level": rule.level},
            }
            for rule in _RULE_ORDER
        ],
    }
    if tool_version is not None:
        driver["version"] = tool_version
    results = []
    for finding in report.findings:
        rule = _RULES.get(finding.status)
        if rule is None:
            continue  # an active model: nothing to report
        region = {
            "startLine": finding.line,
            "startColumn": finding.column,
            "endColumn": finding.column + len(finding.text),
            "snippet": {"text": finding.text},
        }
        properties: dict[str, Any] = {"status": str(finding.status)}
        for key, value in finding.to_dict().items():
            if key in ("model", "retires_at", "deprecated_at", "suggestion"):
                properties[key] = value
        properties["capabilities_lost"] = list(finding.capabilities_lost)
        results.append(
            {
                "ruleId": rule.id,
                "ruleIndex": _RULE_ORDER.index(rule),
                "level": rule.level,
                "message": {"text": finding.message()},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(finding.path)},
                            "region": region,
                        }
                    }
                ],
                "properties": properties,
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                # Columns count characters, as Mention.column does (SARIF's
                # default would be UTF-16 code units).
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _uri(path: str) -> str:
    """A path as a SARIF artifact URI: relative paths stay relative (code
    scanning resolves them against the repository's root), with '/' and
    percent-encoding."""
    posix = Path(path).as_posix()
    if os.path.isabs(path):
        return Path(path).as_uri()
    # A name that is not UTF-8 (undecodable bytes kept by os.fsdecode) is
    # percent-encoded byte for byte.
    return quote(posix, errors="surrogateescape")
