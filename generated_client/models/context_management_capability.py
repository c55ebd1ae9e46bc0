from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.capability_support import CapabilitySupport


T = TypeVar("T", bound="ContextManagementCapability")


@_attrs_define
class ContextManagementCapability:
    """Context management support, with one entry per strategy."""

    supported: bool | Unset = UNSET
    """ Whether the model supports at least one strategy. """
    clear_thinking_20251015: CapabilitySupport | None | Unset = UNSET
    clear_tool_uses_20250919: CapabilitySupport | None | Unset = UNSET
    compact_20260112: CapabilitySupport | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.capability_support import CapabilitySupport

        supported = self.supported

        clear_thinking_20251015: dict[str, Any] | None | Unset
        if isinstance(self.clear_thinking_20251015, Unset):
            clear_thinking_20251015 = UNSET
        elif isinstance(self.clear_thinking_20251015, CapabilitySupport):
            clear_thinking_20251015 = self.clear_thinking_20251015.to_dict()
        else:
            clear_thinking_20251015 = self.clear_thinking_20251015

        clear_tool_uses_20250919: dict[str, Any] | None | Unset
        if isinstance(self.clear_tool_uses_20250919, Unset):
            clear_tool_uses_20250919 = UNSET
        elif isinstance(self.clear_tool_uses_20250919, CapabilitySupport):
            clear_tool_uses_20250919 = self.clear_tool_uses_20250919.to_dict()
        else:
            clear_tool_uses_20250919 = self.clear_tool_uses_20250919

        compact_20260112: dict[str, Any] | None | Unset
        if isinstance(self.compact_20260112, Unset):
            compact_20260112 = UNSET
        elif isinstance(self.compact_20260112, CapabilitySupport):
            compact_20260112 = self.compact_20260112.to_dict()
        else:
            compact_20260112 = self.compact_20260112

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if supported is not UNSET:
            field_dict["supported"] = supported
        if clear_thinking_20251015 is not UNSET:
            field_dict["clear_thinking_20251015"] = clear_thinking_20251015
        if clear_tool_uses_20250919 is not UNSET:
            field_dict["clear_tool_uses_20250919"] = clear_tool_uses_20250919
        if compact_20260112 is not UNSET:
            field_dict["compact_20260112"] = compact_20260112

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.capability_support import CapabilitySupport

        d = dict(src_dict)
        supported = d.pop("supported", UNSET)

        def _parse_clear_thinking_20251015(
            data: object,
        ) -> CapabilitySupport | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                clear_thinking_20251015_type_0 = CapabilitySupport.from_dict(data)

                return clear_thinking_20251015_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CapabilitySupport | None | Unset, data)

        clear_thinking_20251015 = _parse_clear_thinking_20251015(
            d.pop("clear_thinking_20251015", UNSET)
        )

        def _parse_clear_tool_uses_20250919(
            data: object,
        ) -> CapabilitySupport | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                clear_tool_uses_20250919_type_0 = CapabilitySupport.from_dict(data)

                return clear_tool_uses_20250919_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CapabilitySupport | None | Unset, data)

        clear_tool_uses_20250919 = _parse_clear_tool_uses_20250919(
            d.pop("clear_tool_uses_20250919", UNSET)
        )

        def _parse_compact_20260112(data: object) -> CapabilitySupport | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                compact_20260112_type_0 = CapabilitySupport.from_dict(data)

                return compact_20260112_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CapabilitySupport | None | Unset, data)

        compact_20260112 = _parse_compact_20260112(d.pop("compact_20260112", UNSET))

        context_management_capability = cls(
            supported=supported,
            clear_thinking_20251015=clear_thinking_20251015,
            clear_tool_uses_20250919=clear_tool_uses_20250919,
            compact_20260112=compact_20260112,
        )

        context_management_capability.additional_properties = d
        return context_management_capability

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
