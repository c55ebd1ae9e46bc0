from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.capability_support import CapabilitySupport


T = TypeVar("T", bound="BetaCompactionCapability")


@_attrs_define
class BetaCompactionCapability:
    """Compaction support, with one entry per accepted `compaction.type`."""

    supported: bool | Unset = UNSET
    """ Whether the model accepts the `compaction` parameter. """
    summarize: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        supported = self.supported

        summarize: dict[str, Any] | Unset = UNSET
        if not isinstance(self.summarize, Unset):
            summarize = self.summarize.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if supported is not UNSET:
            field_dict["supported"] = supported
        if summarize is not UNSET:
            field_dict["summarize"] = summarize

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.capability_support import CapabilitySupport

        d = dict(src_dict)
        supported = d.pop("supported", UNSET)

        _summarize = d.pop("summarize", UNSET)
        summarize: CapabilitySupport | Unset
        if isinstance(_summarize, Unset):
            summarize = UNSET
        else:
            summarize = CapabilitySupport.from_dict(_summarize)

        beta_compaction_capability = cls(
            supported=supported,
            summarize=summarize,
        )

        beta_compaction_capability.additional_properties = d
        return beta_compaction_capability

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
