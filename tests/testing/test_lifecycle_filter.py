"""The list's `lifecycle` filter, as the API has it: any of the given stages;
without it, active and deprecated; at most 3 known values; both wire forms."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from anthropic_models.testing import LIFECYCLE_STAGES, FakeModelsAPI

from .helpers import Face, error_of, list_page, open_face

# Every non-empty set of stages, in the API's order.
STAGE_SETS = [
    list(stages)
    for size in range(1, 4)
    for stages in itertools.combinations(LIFECYCLE_STAGES, size)
]


def _in_stages(fake: FakeModelsAPI, stages: list[str]) -> list[str]:
    """The expected listing, read off the catalogue (the test's own filter)."""
    return [m["id"] for m in fake.catalogue if m["lifecycle"] in stages]


def _brackets(stages: list[str]) -> str:
    # As the official SDK sends it: brackets percent-encoded.
    return "&".join(f"lifecycle%5B%5D={stage}" for stage in stages)


def _ids(face: Face, query: str) -> list[str]:
    response = face.client.get(f"/v1/models?{query}")
    assert response.status_code == 200, response.text
    return [m["id"] for m in response.json()["data"]]


def test_without_the_filter_retired_models_are_left_out(face: Face) -> None:
    listed = [m["lifecycle"] for m in list_page(face.client, limit=1000)["data"]]
    assert set(listed) == {"active", "deprecated"}
    assert len(listed) == len(face.fake.catalogue) - 3  # the three retired ones
    assert (
        face.fake.listed_ids()
        == face.fake.model_ids
        == _in_stages(face.fake, ["active", "deprecated"])
    )


@pytest.mark.parametrize("stages", STAGE_SETS, ids="+".join)
@pytest.mark.parametrize("form", ["brackets", "literal-brackets", "repeated", "mixed"])
def test_the_filter_lists_the_models_in_any_of_the_given_stages(
    face: Face, stages: list[str], form: str
) -> None:
    if form == "brackets":
        query = _brackets(stages)
    elif form == "literal-brackets":
        query = "&".join(f"lifecycle[]={stage}" for stage in stages)
    elif form == "repeated":
        query = "&".join(f"lifecycle={stage}" for stage in stages)
    else:  # both names in one request: their values add up
        query = "&".join(
            f"lifecycle{'%5B%5D' if i % 2 else ''}={stage}"
            for i, stage in enumerate(stages)
        )
    expected = _in_stages(face.fake, stages)
    assert expected  # the default catalogue has models in every stage
    assert _ids(face, f"{query}&limit=1000") == expected
    assert face.fake.listed_ids(stages) == expected


def test_the_order_and_repeats_of_the_values_do_not_matter(face: Face) -> None:
    expected = _in_stages(face.fake, ["active", "retired"])
    assert _ids(face, _brackets(["retired", "active"])) == expected
    assert _ids(face, _brackets(["retired", "active", "retired"])) == expected


@pytest.mark.parametrize("stages", STAGE_SETS, ids="+".join)
@pytest.mark.parametrize("size", [1, 2, 5])
def test_pages_of_a_filtered_list_follow_each_other_both_ways(
    face: Face, stages: list[str], size: int
) -> None:
    expected = _in_stages(face.fake, stages)
    params: dict[str, Any] = {"lifecycle[]": stages, "limit": size}
    forwards: list[str] = []
    page = list_page(face.client, **params)
    for _ in range(len(expected) + 1):  # bounded: one page per model at most
        forwards += [m["id"] for m in page["data"]]
        assert page["has_more"] is (len(forwards) < len(expected))
        if not page["has_more"]:
            break
        page = list_page(face.client, **params, after_id=page["last_id"])
    assert forwards == expected

    backwards: list[str] = []
    page = list_page(face.client, **params, before_id=expected[-1])
    for _ in range(len(expected) + 1):
        backwards = [m["id"] for m in page["data"]] + backwards
        if not page["has_more"]:
            break
        page = list_page(face.client, **params, before_id=page["first_id"])
    assert [*backwards, expected[-1]] == expected


def test_a_cursor_may_be_a_model_the_filter_leaves_out(face: Face) -> None:
    # claude-3-5-sonnet-20240620 is retired and stands between Haiku 3.5 and
    # Haiku 3: an unfiltered page after it starts at Haiku 3, one before it ends
    # at Haiku 3.5.
    page = list_page(face.client, after_id="claude-3-5-sonnet-20240620", limit=1)
    assert [m["id"] for m in page["data"]] == ["claude-3-haiku-20240307"]
    assert page["has_more"] is False
    page = list_page(face.client, before_id="claude-3-5-sonnet-20240620", limit=1)
    assert [m["id"] for m in page["data"]] == ["claude-3-5-haiku-20241022"]
    assert page["has_more"] is True
    # And the other way round: a listed model as the cursor of a retired-only list.
    page = list_page(
        face.client, **{"lifecycle[]": "retired"}, after_id="claude-opus-4-5-20251101"
    )
    assert [m["id"] for m in page["data"]] == _in_stages(face.fake, ["retired"])


@pytest.mark.parametrize(
    ("query", "in_message"),
    [
        (_brackets(["active", "deprecated", "retired", "active"]), "at most 3"),
        (
            "lifecycle=active&lifecycle=active&lifecycle%5B%5D=a&lifecycle=b",
            "at most 3",
        ),
        ("lifecycle%5B%5D=sunset", "'sunset'"),
        ("lifecycle=Active", "'Active'"),
        ("lifecycle%5B%5D=", "''"),
        # The comma-joined form is not one the API reads: one unknown value.
        ("lifecycle=active,retired", "'active,retired'"),
        ("lifecycle%5B%5D=active&lifecycle%5B%5D=nope", "'nope'"),
        # A near miss of the parameter's name is an unknown parameter.
        ("lifecycle%5B0%5D=active", "Extra inputs"),
        ("lifecycles=active", "Extra inputs"),
    ],
)
def test_a_bad_lifecycle_filter_is_a_400(
    face: Face, query: str, in_message: str
) -> None:
    response = face.client.get(f"/v1/models?{query}")
    assert response.status_code == 400
    error_type, message = error_of(response)
    assert error_type == "invalid_request_error"
    assert in_message in message


def test_get_takes_no_lifecycle(face: Face) -> None:
    response = face.client.get(f"/v1/models/claude-sonnet-4-5?{_brackets(['active'])}")
    assert response.status_code == 400
    assert "lifecycle[]" in error_of(response)[1]


def test_the_filter_is_recorded_as_it_arrived(face: Face) -> None:
    face.client.get(f"/v1/models?{_brackets(['active', 'retired'])}&limit=5")
    face.client.get("/v1/models?lifecycle=deprecated")
    first, second = face.fake.requests
    assert first.query == [
        ("lifecycle[]", "active"),
        ("lifecycle[]", "retired"),
        ("limit", "5"),
    ]
    assert second.query == [("lifecycle", "deprecated")]


def test_models_without_a_lifecycle_count_as_active_and_unknown_stages_list() -> None:
    models: list[dict[str, Any]] = [
        {"id": "plain", "created_at": "2025-03-01T00:00:00Z"},  # four-field style
        {"id": "future", "created_at": "2025-02-01T00:00:00Z", "lifecycle": "preview"},
        {"id": "odd", "created_at": "2025-01-01T00:00:00Z", "lifecycle": 7},
        {"id": "gone", "created_at": "2024-01-01T00:00:00Z", "lifecycle": "retired"},
    ]
    fake = FakeModelsAPI(models=models)
    # Unfiltered: all but the retired one, whatever else they say.
    assert fake.model_ids == ["plain", "future", "odd"]
    assert fake.listed_ids(["active"]) == ["plain"]
    assert fake.listed_ids(["retired"]) == ["gone"]
    assert fake.listed_ids(["deprecated"]) == []
    with open_face(fake, "transport") as face:
        assert _ids(face, "") == ["plain", "future", "odd"]
        page = list_page(face.client, **{"lifecycle[]": "deprecated"})
        assert page == {
            "data": [],
            "first_id": None,
            "last_id": None,
            "has_more": False,
        }
