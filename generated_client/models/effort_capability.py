from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.capability_support import CapabilitySupport


T = TypeVar("T", bound="EffortCapability")


@_attrs_define
class EffortCapability:
    """Effort support, with one entry per level."""

    supported: bool
    """ Whether the model supports the effort parameter. """
    low: CapabilitySupport
    """ Whether a capability is supported. """
    medium: CapabilitySupport
    """ Whether a capability is supported. """
    high: CapabilitySupport
    """ Whether a capability is supported. """
    max_: CapabilitySupport
    """ Whether a capability is supported. """
    xhigh: CapabilitySupport | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.capability_support import CapabilitySupport

        supported = self.supported

        low = self.low.to_dict()

        medium = self.medium.to_dict()

        high = self.high.to_dict()

        max_ = self.max_.to_dict()

        xhigh: dict[str, Any] | None
        if isinstance(self.xhigh, CapabilitySupport):
            xhigh = self.xhigh.to_dict()
        else:
            xhigh = self.xhigh

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "supported": supported,
                "low": low,
                "medium": medium,
                "high": high,
                "max": max_,
                "xhigh": xhigh,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.capability_support import CapabilitySupport

        d = dict(src_dict)
        supported = d.pop("supported")

        low = CapabilitySupport.from_dict(d.pop("low"))

        medium = CapabilitySupport.from_dict(d.pop("medium"))

        high = CapabilitySupport.from_dict(d.pop("high"))

        max_ = CapabilitySupport.from_dict(d.pop("max"))

        def _parse_xhigh(data: object) -> CapabilitySupport | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                xhigh_type_0 = CapabilitySupport.from_dict(data)

                return xhigh_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CapabilitySupport | None, data)

        xhigh = _parse_xhigh(d.pop("xhigh"))

        effort_capability = cls(
            supported=supported,
            low=low,
            medium=medium,
            high=high,
            max_=max_,
            xhigh=xhigh,
        )

        effort_capability.additional_properties = d
        return effort_capability

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
