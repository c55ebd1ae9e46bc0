from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_type import ErrorType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_details import ErrorDetails


T = TypeVar("T", bound="APIError")


@_attrs_define
class APIError:
    type_: ErrorType | str
    """ The kind of error. """
    message: str
    """ A human-readable description of the error. """
    details: ErrorDetails | Unset = UNSET
    """ What caused the error, when the API says more than its type. Codes the Models API sends:
    `organization_on_hold` (which may carry an `appeal_url`) and `claude_code_key_creator_not_member`, both with
    status 400; new codes appear over time, so `error_code` is any string. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str
        if isinstance(self.type_, ErrorType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        message = self.message

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "message": message,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_details import ErrorDetails

        d = dict(src_dict)

        def _parse_type_(data: object) -> ErrorType | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_error_type_type_0 = ErrorType(data)

                return componentsschemas_error_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorType | str, data)

        type_ = _parse_type_(d.pop("type"))

        message = d.pop("message")

        _details = d.pop("details", UNSET)
        details: ErrorDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = ErrorDetails.from_dict(_details)

        api_error = cls(
            type_=type_,
            message=message,
            details=details,
        )

        api_error.additional_properties = d
        return api_error

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
