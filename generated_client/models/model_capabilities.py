from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.capability_support import CapabilitySupport
    from ..models.context_management_capability import ContextManagementCapability
    from ..models.effort_capability import EffortCapability
    from ..models.server_tools_capability import ServerToolsCapability
    from ..models.thinking_capability import ThinkingCapability


T = TypeVar("T", bound="ModelCapabilities")


@_attrs_define
class ModelCapabilities:
    """What the model supports."""

    batch: CapabilitySupport
    """ Whether a capability is supported. """
    citations: CapabilitySupport
    """ Whether a capability is supported. """
    code_execution: CapabilitySupport
    """ Whether a capability is supported. """
    context_management: ContextManagementCapability
    """ Context management support, with one entry per strategy. """
    effort: EffortCapability
    """ Effort support, with one entry per level. """
    image_input: CapabilitySupport
    """ Whether a capability is supported. """
    pdf_input: CapabilitySupport
    """ Whether a capability is supported. """
    server_tools: ServerToolsCapability
    """ Server tool support, with one entry per tool. """
    structured_outputs: CapabilitySupport
    """ Whether a capability is supported. """
    thinking: ThinkingCapability
    """ Extended thinking support. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        batch = self.batch.to_dict()

        citations = self.citations.to_dict()

        code_execution = self.code_execution.to_dict()

        context_management = self.context_management.to_dict()

        effort = self.effort.to_dict()

        image_input = self.image_input.to_dict()

        pdf_input = self.pdf_input.to_dict()

        server_tools = self.server_tools.to_dict()

        structured_outputs = self.structured_outputs.to_dict()

        thinking = self.thinking.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "batch": batch,
                "citations": citations,
                "code_execution": code_execution,
                "context_management": context_management,
                "effort": effort,
                "image_input": image_input,
                "pdf_input": pdf_input,
                "server_tools": server_tools,
                "structured_outputs": structured_outputs,
                "thinking": thinking,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.capability_support import CapabilitySupport
        from ..models.context_management_capability import ContextManagementCapability
        from ..models.effort_capability import EffortCapability
        from ..models.server_tools_capability import ServerToolsCapability
        from ..models.thinking_capability import ThinkingCapability

        d = dict(src_dict)
        batch = CapabilitySupport.from_dict(d.pop("batch"))

        citations = CapabilitySupport.from_dict(d.pop("citations"))

        code_execution = CapabilitySupport.from_dict(d.pop("code_execution"))

        context_management = ContextManagementCapability.from_dict(
            d.pop("context_management")
        )

        effort = EffortCapability.from_dict(d.pop("effort"))

        image_input = CapabilitySupport.from_dict(d.pop("image_input"))

        pdf_input = CapabilitySupport.from_dict(d.pop("pdf_input"))

        server_tools = ServerToolsCapability.from_dict(d.pop("server_tools"))

        structured_outputs = CapabilitySupport.from_dict(d.pop("structured_outputs"))

        thinking = ThinkingCapability.from_dict(d.pop("thinking"))

        model_capabilities = cls(
            batch=batch,
            citations=citations,
            code_execution=code_execution,
            context_management=context_management,
            effort=effort,
            image_input=image_input,
            pdf_input=pdf_input,
            server_tools=server_tools,
            structured_outputs=structured_outputs,
            thinking=thinking,
        )

        model_capabilities.additional_properties = d
        return model_capabilities

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
