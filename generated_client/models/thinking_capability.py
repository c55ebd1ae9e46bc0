from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.thinking_types import ThinkingTypes


T = TypeVar("T", bound="ThinkingCapability")


@_attrs_define
class ThinkingCapability:
    """Extended thinking support."""

    supported: bool | Unset = UNSET
    """ Whether the model supports thinking. """
    types: ThinkingTypes | Unset = UNSET
    """ Which `thinking.type` values the model accepts; read each on its own (`enabled` can be false while
    `disabled` is true). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        supported = self.supported

        types: dict[str, Any] | Unset = UNSET
        if not isinstance(self.types, Unset):
            types = self.types.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if supported is not UNSET:
            field_dict["supported"] = supported
        if types is not UNSET:
            field_dict["types"] = types

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.thinking_types import ThinkingTypes

        d = dict(src_dict)
        supported = d.pop("supported", UNSET)

        _types = d.pop("types", UNSET)
        types: ThinkingTypes | Unset
        if isinstance(_types, Unset):
            types = UNSET
        else:
            types = ThinkingTypes.from_dict(_types)

        thinking_capability = cls(
            supported=supported,
            types=types,
        )

        thinking_capability.additional_properties = d
        return thinking_capability

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
