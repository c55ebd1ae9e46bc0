from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.capability_support import CapabilitySupport


T = TypeVar("T", bound="ThinkingTypes")


@_attrs_define
class ThinkingTypes:
    """Which `thinking.type` values the model accepts; read each on its own (`enabled` can be false while `disabled` is
    true).

    """

    adaptive: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    between_tools: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    disabled: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    enabled: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        adaptive: dict[str, Any] | Unset = UNSET
        if not isinstance(self.adaptive, Unset):
            adaptive = self.adaptive.to_dict()

        between_tools: dict[str, Any] | Unset = UNSET
        if not isinstance(self.between_tools, Unset):
            between_tools = self.between_tools.to_dict()

        disabled: dict[str, Any] | Unset = UNSET
        if not isinstance(self.disabled, Unset):
            disabled = self.disabled.to_dict()

        enabled: dict[str, Any] | Unset = UNSET
        if not isinstance(self.enabled, Unset):
            enabled = self.enabled.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if adaptive is not UNSET:
            field_dict["adaptive"] = adaptive
        if between_tools is not UNSET:
            field_dict["between_tools"] = between_tools
        if disabled is not UNSET:
            field_dict["disabled"] = disabled
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.capability_support import CapabilitySupport

        d = dict(src_dict)
        _adaptive = d.pop("adaptive", UNSET)
        adaptive: CapabilitySupport | Unset
        if isinstance(_adaptive, Unset):
            adaptive = UNSET
        else:
            adaptive = CapabilitySupport.from_dict(_adaptive)

        _between_tools = d.pop("between_tools", UNSET)
        between_tools: CapabilitySupport | Unset
        if isinstance(_between_tools, Unset):
            between_tools = UNSET
        else:
            between_tools = CapabilitySupport.from_dict(_between_tools)

        _disabled = d.pop("disabled", UNSET)
        disabled: CapabilitySupport | Unset
        if isinstance(_disabled, Unset):
            disabled = UNSET
        else:
            disabled = CapabilitySupport.from_dict(_disabled)

        _enabled = d.pop("enabled", UNSET)
        enabled: CapabilitySupport | Unset
        if isinstance(_enabled, Unset):
            enabled = UNSET
        else:
            enabled = CapabilitySupport.from_dict(_enabled)

        thinking_types = cls(
            adaptive=adaptive,
            between_tools=between_tools,
            disabled=disabled,
            enabled=enabled,
        )

        thinking_types.additional_properties = d
        return thinking_types

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
