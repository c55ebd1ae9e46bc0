from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.capability_support import CapabilitySupport


T = TypeVar("T", bound="EffortCapability")


@_attrs_define
class EffortCapability:
    """Effort support, with one entry per level."""

    supported: bool | Unset = UNSET
    """ Whether the model supports the effort parameter. """
    low: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    medium: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    high: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    max_: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    xhigh: CapabilitySupport | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.capability_support import CapabilitySupport

        supported = self.supported

        low: dict[str, Any] | Unset = UNSET
        if not isinstance(self.low, Unset):
            low = self.low.to_dict()

        medium: dict[str, Any] | Unset = UNSET
        if not isinstance(self.medium, Unset):
            medium = self.medium.to_dict()

        high: dict[str, Any] | Unset = UNSET
        if not isinstance(self.high, Unset):
            high = self.high.to_dict()

        max_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.max_, Unset):
            max_ = self.max_.to_dict()

        xhigh: dict[str, Any] | None | Unset
        if isinstance(self.xhigh, Unset):
            xhigh = UNSET
        elif isinstance(self.xhigh, CapabilitySupport):
            xhigh = self.xhigh.to_dict()
        else:
            xhigh = self.xhigh

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if supported is not UNSET:
            field_dict["supported"] = supported
        if low is not UNSET:
            field_dict["low"] = low
        if medium is not UNSET:
            field_dict["medium"] = medium
        if high is not UNSET:
            field_dict["high"] = high
        if max_ is not UNSET:
            field_dict["max"] = max_
        if xhigh is not UNSET:
            field_dict["xhigh"] = xhigh

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.capability_support import CapabilitySupport

        d = dict(src_dict)
        supported = d.pop("supported", UNSET)

        _low = d.pop("low", UNSET)
        low: CapabilitySupport | Unset
        if isinstance(_low, Unset):
            low = UNSET
        else:
            low = CapabilitySupport.from_dict(_low)

        _medium = d.pop("medium", UNSET)
        medium: CapabilitySupport | Unset
        if isinstance(_medium, Unset):
            medium = UNSET
        else:
            medium = CapabilitySupport.from_dict(_medium)

        _high = d.pop("high", UNSET)
        high: CapabilitySupport | Unset
        if isinstance(_high, Unset):
            high = UNSET
        else:
            high = CapabilitySupport.from_dict(_high)

        _max_ = d.pop("max", UNSET)
        max_: CapabilitySupport | Unset
        if isinstance(_max_, Unset):
            max_ = UNSET
        else:
            max_ = CapabilitySupport.from_dict(_max_)

        def _parse_xhigh(data: object) -> CapabilitySupport | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                xhigh_type_0 = CapabilitySupport.from_dict(data)

                return xhigh_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CapabilitySupport | None | Unset, data)

        xhigh = _parse_xhigh(d.pop("xhigh", UNSET))

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
