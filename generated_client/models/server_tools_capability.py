from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.capability_support import CapabilitySupport


T = TypeVar("T", bound="ServerToolsCapability")


@_attrs_define
class ServerToolsCapability:
    """Server tool support, with one entry per tool."""

    supported: bool | Unset = UNSET
    """ Whether the model supports at least one of the tools. """
    code_execution: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    web_search: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        supported = self.supported

        code_execution: dict[str, Any] | Unset = UNSET
        if not isinstance(self.code_execution, Unset):
            code_execution = self.code_execution.to_dict()

        web_search: dict[str, Any] | Unset = UNSET
        if not isinstance(self.web_search, Unset):
            web_search = self.web_search.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if supported is not UNSET:
            field_dict["supported"] = supported
        if code_execution is not UNSET:
            field_dict["code_execution"] = code_execution
        if web_search is not UNSET:
            field_dict["web_search"] = web_search

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.capability_support import CapabilitySupport

        d = dict(src_dict)
        supported = d.pop("supported", UNSET)

        _code_execution = d.pop("code_execution", UNSET)
        code_execution: CapabilitySupport | Unset
        if isinstance(_code_execution, Unset):
            code_execution = UNSET
        else:
            code_execution = CapabilitySupport.from_dict(_code_execution)

        _web_search = d.pop("web_search", UNSET)
        web_search: CapabilitySupport | Unset
        if isinstance(_web_search, Unset):
            web_search = UNSET
        else:
            web_search = CapabilitySupport.from_dict(_web_search)

        server_tools_capability = cls(
            supported=supported,
            code_execution=code_execution,
            web_search=web_search,
        )

        server_tools_capability.additional_properties = d
        return server_tools_capability

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
