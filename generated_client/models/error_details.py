from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorDetails")


@_attrs_define
class ErrorDetails:
    """What caused the error, when the API says more than its type. Codes the Models API sends: `organization_on_hold`
    (which may carry an `appeal_url`) and `claude_code_key_creator_not_member`, both with status 400; new codes appear
    over time, so `error_code` is any string.

    """

    error_code: str
    """ The cause of the error. """
    appeal_url: str | Unset = UNSET
    """ Where the organization can appeal the hold (with `organization_on_hold`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error_code = self.error_code

        appeal_url = self.appeal_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error_code": error_code,
            }
        )
        if appeal_url is not UNSET:
            field_dict["appeal_url"] = appeal_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        error_code = d.pop("error_code")

        appeal_url = d.pop("appeal_url", UNSET)

        error_details = cls(
            error_code=error_code,
            appeal_url=appeal_url,
        )

        error_details.additional_properties = d
        return error_details

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
