from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.capability_support import CapabilitySupport


T = TypeVar("T", bound="ThinkingTypes")


@_attrs_define
class ThinkingTypes:
    """Which `thinking.type` values the model accepts; read each on its own (`enabled` can be false while `disabled` is
    true).

    """

    adaptive: CapabilitySupport
    """ Whether a capability is supported. """
    between_tools: CapabilitySupport
    """ Whether a capability is supported. """
    disabled: CapabilitySupport
    """ Whether a capability is supported. """
    enabled: CapabilitySupport
    """ Whether a capability is supported. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        adaptive = self.adaptive.to_dict()

        between_tools = self.between_tools.to_dict()

        disabled = self.disabled.to_dict()

        enabled = self.enabled.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "adaptive": adaptive,
                "between_tools": between_tools,
                "disabled": disabled,
                "enabled": enabled,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.capability_support import CapabilitySupport

        d = dict(src_dict)
        adaptive = CapabilitySupport.from_dict(d.pop("adaptive"))

        between_tools = CapabilitySupport.from_dict(d.pop("between_tools"))

        disabled = CapabilitySupport.from_dict(d.pop("disabled"))

        enabled = CapabilitySupport.from_dict(d.pop("enabled"))

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
