"""The audit's core (anthropic_models.audit), against the fake's catalogue: the
mentions found, the files read and skipped, resolution, classification and the
suggestion."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from typing import Any

import pytest

from anthropic_models import Client, ModelInfoLifecycle
from anthropic_models.audit import (
    Catalogue,
    SkippedFile,
    Status,
    audit,
    capabilities_lost,
    collect_files,
    find_mentions,
)
from anthropic_models.testing import FakeModelsAPI, capabilities

from .conftest import Snapshot
from .tree import BINARY, FILES, IGNORED, MODEL_TOKENS, NOW, Expected, mentions_in


def relative(root: Path, found: list[Any]) -> list[Expected]:
    return [
        Expected(os.path.relpath(m.path, root), m.line, m.column, m.text) for m in found
    ]


def by_text(report: Any) -> dict[str, tuple[Status, str | None, str | None]]:
    return {f.text: (f.status, f.model_id, f.suggestion_id) for f in report.findings}


# -- mentions and files ------------------------------------------------------------


def test_every_file_kind_is_read_and_each_mention_located(git_tree: Path) -> None:
    files, _ = collect_files([git_tree])
    mentions, _, _ = find_mentions(files)
    tracked = {name: text for name, text in FILES.items() if name != IGNORED}
    expected = mentions_in(tracked, MODEL_TOKENS)
    # Python, TypeScript, YAML, .env and Markdown, the non-ASCII line included
    # (columns count characters, not bytes).
    assert {e.path for e in expected} == {
        "src/app.py",
        "web/client.ts",
        "deploy/config.yaml",
        ".env",
        "docs/guide.md",
    }
    assert sorted(relative(git_tree, mentions), key=lambda e: (e.path, e.line)) == (
        expected
    )


def test_tokens_not_shaped_like_a_model_are_not_mentions(tmp_path: Path) -> None:
    text = (
        "claude-code my-claude-3 claude_3 Claude-3-opus claude-3-opus_backup "
        "xclaude-2.1 claude- claude-instant\n"
        "end of a sentence: claude-2.1. (claude-opus-4-5), "
        "anthropic.claude-3-7-sonnet\n"
    )
    (tmp_path / "notes.txt").write_text(text)
    mentions, _, _ = find_mentions([str(tmp_path / "notes.txt")])
    assert [(m.line, m.text) for m in mentions] == [
        (2, "claude-2.1"),
        (2, "claude-opus-4-5"),
        (2, "claude-3-7-sonnet"),
    ]


def test_inside_git_the_ignored_file_is_left_out_and_the_binary_skipped(
    git_tree: Path,
) -> None:
    files, skipped = collect_files([git_tree])
    names = {os.path.relpath(name, git_tree) for name in files}
    assert IGNORED not in names
    assert names >= {"src/app.py", "web/client.ts", ".env", BINARY[0]}
    assert skipped == []
    _, unread, read = find_mentions(files)
    assert unread == [SkippedFile(str(git_tree / BINARY[0]), "binary")]
    assert read == len(files) - 1


def test_outside_git_the_tree_is_walked_and_gitignore_means_nothing(
    plain_tree: Path,
) -> None:
    files, _ = collect_files([plain_tree])
    names = {os.path.relpath(name, plain_tree) for name in files}
    assert names == {*FILES, BINARY[0]}


def test_a_symlink_out_of_the_tree_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text('MODEL = "claude-3-opus-20240229"\n')
    root = tmp_path / "tree"
    root.mkdir()
    (root / "inside.py").write_text('MODEL = "claude-2.1"\n')
    (root / "escape.py").symlink_to(outside)
    (root / "again.py").symlink_to(root / "inside.py")  # inside: read once
    (root / "dir").symlink_to(tmp_path, target_is_directory=True)  # not entered
    files, skipped = collect_files([root])
    assert [os.path.relpath(name, root) for name in files] in (
        ["again.py"],
        ["inside.py"],
    )
    assert skipped == [SkippedFile(str(root / "escape.py"), "outside the tree")]


def test_files_over_the_size_limit_are_skipped_and_reported(tmp_path: Path) -> None:
    (tmp_path / "small.py").write_text("claude-2.1\n")
    (tmp_path / "big.json").write_text("claude-2.1\n" + "x" * 100)
    files, skipped = collect_files([tmp_path], max_file_size=50)
    assert files == [str(tmp_path / "small.py")]
    assert skipped == [SkippedFile(str(tmp_path / "big.json"), "too large")]
    files, skipped = collect_files([tmp_path], max_file_size=None)
    assert len(files) == 2 and skipped == []


def test_include_and_exclude_globs_match_the_path_or_the_name(
    git_tree: Path,
) -> None:
    def names(**globs: Any) -> set[str]:
        files, _ = collect_files([git_tree], **globs)
        return {os.path.relpath(name, git_tree) for name in files}

    assert names(include=["*.py", "*.ts"]) == {"src/app.py", "web/client.ts"}
    assert names(include=["deploy/*"]) == {"deploy/config.yaml"}
    assert "docs/guide.md" not in names(exclude=["docs/*"])
    assert names(include=["*.md", ".env"], exclude=["docs/*"]) == {".env"}


def test_bad_arguments_are_value_errors_naming_them(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        collect_files([tmp_path / "nope"])
    with pytest.raises(ValueError, match="max_file_size"):
        collect_files([tmp_path], max_file_size=0)


# -- online: the fake's catalogue through a Client ---------------------------------


def test_online_each_mention_is_classified_with_a_suggestion(
    git_tree: Path, fake_models_client: Client
) -> None:
    report = audit(Catalogue.from_client(fake_models_client), [git_tree], now=NOW)
    assert by_text(report) == {
        # alias -> retired; newest active opus
        "claude-3-opus-latest": (
            Status.RETIRED,
            "claude-3-opus-20240229",
            "claude-opus-4-5-20251101",
        ),
        "claude-sonnet-4-5": (Status.ACTIVE, "claude-sonnet-4-5-20250929", None),
        # deprecated, its retires_at (2026-02-19) passed: overdue
        "claude-3-7-sonnet-20250219": (
            Status.OVERDUE,
            "claude-3-7-sonnet-20250219",
            "claude-sonnet-4-5-20250929",
        ),
        "claude-opus-4-0": (
            Status.DEPRECATED,
            "claude-opus-4-20250514",
            "claude-opus-4-5-20251101",
        ),
        "claude-3-5-haiku-20241022": (
            Status.DEPRECATED,
            "claude-3-5-haiku-20241022",
            "claude-haiku-4-5-20251001",
        ),
        # retired, in no line: no suggestion
        "claude-2.1": (Status.RETIRED, "claude-2.1", None),
        "claude-3-5-sonnet-20240620": (
            Status.RETIRED,
            "claude-3-5-sonnet-20240620",
            "claude-sonnet-4-5-20250929",
        ),
        "claude-opus-4-5": (Status.ACTIVE, "claude-opus-4-5-20251101", None),
        # claude-9-nonexistent: a 404, not a model, left out
    }
    assert report.files_scanned == len(FILES) - 1  # the ignored one not read
    assert report.skipped == (SkippedFile(str(git_tree / BINARY[0]), "binary"),)
    assert [f.text for f in report.at_or_above(Status.RETIRED)] == [
        "claude-2.1",
        "claude-3-5-sonnet-20240620",
        "claude-3-opus-latest",
    ]


def test_each_alias_is_asked_once_and_the_list_asks_for_every_stage(
    tmp_path: Path, fake_models_api: FakeModelsAPI, fake_models_client: Client
) -> None:
    for name in ("a.py", "b.yaml"):
        (tmp_path / name).write_text(
            "claude-opus-4-0 claude-opus-4-0 claude-3-opus-20240229 claude-9-x\n"
        )
    report = audit(Catalogue.from_client(fake_models_client), [tmp_path], now=NOW)
    assert [f.text for f in report.findings].count("claude-opus-4-0") == 4
    requests = [(r.path, r.query) for r in fake_models_api.requests]
    stages = [str(stage) for stage in ModelInfoLifecycle]
    path, query = requests[0]
    assert path == "/v1/models"
    # Every stage the spec names (the wire's parameter name is the spec's).
    assert [value for name, value in query if name != "limit"] == stages
    # The exact ID needs no request; the alias and the non-model one each.
    assert sorted(path for path, _ in requests[1:]) == [
        "/v1/models/claude-9-x",
        "/v1/models/claude-opus-4-0",
    ]


def test_nothing_is_fetched_when_no_file_names_a_model(
    tmp_path: Path, fake_models_api: FakeModelsAPI, fake_models_client: Client
) -> None:
    (tmp_path / "a.py").write_text("print('hello')\n")
    report = audit(Catalogue.from_client(fake_models_client), [tmp_path])
    assert report.findings == () and report.files_scanned == 1
    assert fake_models_api.requests == []


# -- offline: a snapshot -----------------------------------------------------------


def test_offline_ids_are_classified_and_aliases_unresolved(
    git_tree: Path, default_snapshot: Path
) -> None:
    report = audit(Catalogue.from_snapshot(default_snapshot), [git_tree], now=NOW)
    found = by_text(report)
    assert report.offline
    for alias in ("claude-3-opus-latest", "claude-opus-4-0", "claude-sonnet-4-5"):
        assert found[alias] == (Status.UNRESOLVED, None, None)
    assert found["claude-9-nonexistent"] == (Status.UNRESOLVED, None, None)
    assert found["claude-3-7-sonnet-20250219"][0] is Status.OVERDUE
    assert found["claude-2.1"] == (Status.RETIRED, "claude-2.1", None)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "cannot read it"),
        ('{"id": "x"}', "not a JSON array of models"),
        ('[{"id": "x"}]', "item 0 is not a model"),
    ],
)
def test_a_bad_snapshot_is_a_value_error_naming_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "snap.json"
    path.write_text(content)
    with pytest.raises(ValueError, match=message) as raised:
        Catalogue.from_snapshot(path)
    assert str(path) in str(raised.value)


# -- classification and suggestion (catalogues written for the case) ---------------


def model(model_id: str, created: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": model_id,
        "created_at": f"{created}T00:00:00Z",
        "display_name": model_id,
        "type": "model",
        **fields,
    }


def test_lifecycle_decides_and_a_past_retirement_is_overdue(
    tmp_path: Path, snapshot: Snapshot
) -> None:
    past, future = "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"
    catalogue = Catalogue.from_snapshot(
        snapshot(
            [
                model(
                    "claude-a-1", "2024-01-01", lifecycle="retired", retires_at=future
                ),
                model(
                    "claude-b-1", "2024-01-01", lifecycle="deprecated", retires_at=past
                ),
                model(
                    "claude-c-1", "2024-01-01", lifecycle="deprecated", retires_at=None
                ),
                model(
                    "claude-d-1",
                    "2024-01-01",
                    lifecycle="deprecated",
                    retires_at="2026-12-03T00:00:00Z",  # exactly now: passed
                ),
                model("claude-e-1", "2024-01-01", lifecycle="sunset"),
                model("claude-f-1", "2024-01-01"),  # no lifecycle at all
                model("claude-g-1", "2024-01-01", lifecycle="active", retires_at=past),
            ]
        )
    )
    (tmp_path / "a.txt").write_text(" ".join(f"claude-{x}-1" for x in "abcdefg"))
    report = audit(catalogue, [tmp_path / "a.txt"], now=NOW)
    assert [f.status for f in report.findings] == [
        Status.RETIRED,
        Status.OVERDUE,
        Status.DEPRECATED,
        Status.OVERDUE,
        Status.UNKNOWN,
        Status.UNKNOWN,
        Status.ACTIVE,
    ]
    later = audit(
        catalogue, [tmp_path / "a.txt"], now=datetime.datetime(2025, 1, 1)
    )  # a naive moment is UTC
    assert later.findings[1].status is Status.DEPRECATED


def test_the_suggestion_is_the_newest_active_model_of_the_line(
    tmp_path: Path, snapshot: Snapshot
) -> None:
    catalogue = Catalogue.from_snapshot(
        snapshot(
            [
                # Catalogue order and IDs do not decide: created_at does.
                model("claude-opus-9", "2025-01-01", lifecycle="active", line="opus"),
                model("claude-opus-1", "2026-06-01", lifecycle="active", line="opus"),
                model(
                    "claude-opus-99", "2026-09-01", lifecycle="deprecated", line="opus"
                ),
                model("claude-old-1", "2023-01-01", lifecycle="retired", line="opus"),
                # An ID that says opus, a line that says nothing: no suggestion.
                model("claude-opus-3", "2023-01-01", lifecycle="retired", line=None),
                # A line no active model is in.
                model(
                    "claude-fable-1", "2023-01-01", lifecycle="retired", line="fable"
                ),
            ]
        )
    )
    (tmp_path / "a.txt").write_text(
        "claude-old-1 claude-opus-99 claude-opus-3 claude-fable-1 claude-opus-9\n"
    )
    report = audit(catalogue, [tmp_path / "a.txt"], now=NOW)
    assert [(f.text, f.suggestion_id) for f in report.findings] == [
        ("claude-old-1", "claude-opus-1"),
        ("claude-opus-99", "claude-opus-1"),
        ("claude-opus-3", None),
        ("claude-fable-1", None),
        ("claude-opus-9", None),  # active: nothing suggested
    ]
    assert "no model line" in report.findings[2].message()
    assert "No active model of its line" in report.findings[3].message()


def test_capabilities_lost_walks_the_whole_tree_extra_capabilities_included(
    snapshot: Snapshot,
) -> None:
    old_tree = capabilities(
        [
            "pdf_input",
            "thinking.enabled",
            "effort.high",
            "batch",
            "context_management.compact_20260112",
            "context_management.clear_tool_uses_20250919",
        ]
    )
    # A capability this library has never heard of (kept as an extra property).
    old_tree["telepathy"] = {"supported": True, "deep": {"supported": True}}
    new_tree = capabilities(
        ["batch", "effort.low", "context_management.clear_tool_uses_20250919"]
    )
    # A null entry (the spec allows it here) counts as lost, as an absent one.
    new_tree["context_management"]["compact_20260112"] = None
    catalogue = Catalogue.from_snapshot(
        snapshot(
            [
                model("claude-x-2", "2026-01-01", capabilities=new_tree),
                model("claude-x-1", "2025-01-01", capabilities=old_tree),
                model("claude-x-0", "2024-01-01", capabilities=None),
            ]
        )
    )
    new, old, bare = catalogue.models
    assert capabilities_lost(old, new) == (
        "context_management.compact_20260112",
        "effort.high",
        "pdf_input",
        "telepathy",
        "thinking",
    )
    assert capabilities_lost(new, old) == ("effort.low",)
    assert capabilities_lost(bare, new) == ()  # says nothing: nothing lost
    # Everything new had, whole groups by their name.
    assert capabilities_lost(new, bare) == ("batch", "context_management", "effort")


def test_a_finding_says_what_it_lacks_its_date_and_what_to_use(
    tmp_path: Path, snapshot: Snapshot
) -> None:
    catalogue = Catalogue.from_snapshot(
        snapshot(
            [
                model(
                    "claude-new-2",
                    "2026-01-01",
                    lifecycle="active",
                    line="haiku",
                    capabilities=capabilities(["batch"]),
                ),
                model(
                    "claude-old-1",
                    "2024-01-01",
                    lifecycle="retired",
                    retires_at="2025-10-22T00:00:00Z",
                    line="haiku",
                    capabilities=capabilities(["batch", "citations"]),
                ),
            ]
        )
    )
    (tmp_path / "a.txt").write_text("claude-old-1\n")
    (finding,) = audit(catalogue, [tmp_path / "a.txt"], now=NOW).findings
    assert finding.capabilities_lost == ("citations",)
    assert finding.message() == (
        "claude-old-1 is retired on 2025-10-22: requests naming it fail. "
        "Use claude-new-2 instead (it lacks: citations)."
    )
    assert finding.to_dict()["retires_at"] == "2025-10-22T00:00:00Z"


def test_a_failed_fetch_is_raised_and_the_next_audit_fetches_again(
    tmp_path: Path, fake_models_api: FakeModelsAPI, fake_models_client: Client
) -> None:
    from anthropic_models import InternalServerError
    from anthropic_models.testing import Fault

    (tmp_path / "a.py").write_text('MODEL = "claude-3-opus-20240229"\n')
    catalogue = Catalogue.from_client(fake_models_client.with_options(max_retries=0))
    fake_models_api.inject(Fault.error(500))
    with pytest.raises(InternalServerError):
        audit(catalogue, [tmp_path], now=NOW)
    (finding,) = audit(catalogue, [tmp_path], now=NOW).findings
    assert finding.status is Status.RETIRED
    # The suggestion needs the listing: it was fetched this time.
    assert finding.suggestion_id == "claude-opus-4-5-20251101"
    assert len(catalogue.models) == 12


def test_a_file_name_that_is_not_utf8_reaches_json_and_sarif(
    tmp_path: Path, default_snapshot: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "tree").mkdir()
    name = os.fsdecode(b"caf\xe9 model.py")  # Latin-1 bytes: not UTF-8
    (tmp_path / "tree" / name).write_text('MODEL = "claude-2.1"\n')
    monkeypatch.chdir(tmp_path)  # a relative path, as the command gives
    report = audit(Catalogue.from_snapshot(default_snapshot), ["tree"], now=NOW)
    (finding,) = report.findings
    assert finding.status is Status.RETIRED
    json.dumps(report.to_dict())  # no error
    (result,) = report.to_sarif()["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "tree/caf%E9%20model.py"
