from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.beta_compaction_capability import BetaCompactionCapability
    from ..models.capability_support import CapabilitySupport
    from ..models.context_management_capability import ContextManagementCapability
    from ..models.effort_capability import EffortCapability
    from ..models.server_tools_capability import ServerToolsCapability
    from ..models.thinking_capability import ThinkingCapability


T = TypeVar("T", bound="BetaModelCapabilities")


@_attrs_define
class BetaModelCapabilities:
    """What the model supports, in the beta view: ModelCapabilities' entries, and the beta features'."""

    batch: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    citations: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    code_execution: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    context_management: ContextManagementCapability | Unset = UNSET
    """ Context management support, with one entry per strategy. """
    effort: EffortCapability | Unset = UNSET
    """ Effort support, with one entry per level. """
    image_input: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    pdf_input: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    server_tools: ServerToolsCapability | Unset = UNSET
    """ Server tool support, with one entry per tool. """
    structured_outputs: CapabilitySupport | Unset = UNSET
    """ Whether a capability is supported. """
    thinking: ThinkingCapability | Unset = UNSET
    """ Extended thinking support. """
    compaction: BetaCompactionCapability | None | Unset = UNSET
    """ Server-side compaction: whether the model accepts the top-level `compaction` request parameter; null when it
    does not say. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.beta_compaction_capability import BetaCompactionCapability

        batch: dict[str, Any] | Unset = UNSET
        if not isinstance(self.batch, Unset):
            batch = self.batch.to_dict()

        citations: dict[str, Any] | Unset = UNSET
        if not isinstance(self.citations, Unset):
            citations = self.citations.to_dict()

        code_execution: dict[str, Any] | Unset = UNSET
        if not isinstance(self.code_execution, Unset):
            code_execution = self.code_execution.to_dict()

        context_management: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context_management, Unset):
            context_management = self.context_management.to_dict()

        effort: dict[str, Any] | Unset = UNSET
        if not isinstance(self.effort, Unset):
            effort = self.effort.to_dict()

        image_input: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image_input, Unset):
            image_input = self.image_input.to_dict()

        pdf_input: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pdf_input, Unset):
            pdf_input = self.pdf_input.to_dict()

        server_tools: dict[str, Any] | Unset = UNSET
        if not isinstance(self.server_tools, Unset):
            server_tools = self.server_tools.to_dict()

        structured_outputs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.structured_outputs, Unset):
            structured_outputs = self.structured_outputs.to_dict()

        thinking: dict[str, Any] | Unset = UNSET
        if not isinstance(self.thinking, Unset):
            thinking = self.thinking.to_dict()

        compaction: dict[str, Any] | None | Unset
        if isinstance(self.compaction, Unset):
            compaction = UNSET
        elif isinstance(self.compaction, BetaCompactionCapability):
            compaction = self.compaction.to_dict()
        else:
            compaction = self.compaction

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if batch is not UNSET:
            field_dict["batch"] = batch
        if citations is not UNSET:
            field_dict["citations"] = citations
        if code_execution is not UNSET:
            field_dict["code_execution"] = code_execution
        if context_management is not UNSET:
            field_dict["context_management"] = context_management
        if effort is not UNSET:
            field_dict["effort"] = effort
        if image_input is not UNSET:
            field_dict["image_input"] = image_input
        if pdf_input is not UNSET:
            field_dict["pdf_input"] = pdf_input
        if server_tools is not UNSET:
            field_dict["server_tools"] = server_tools
        if structured_outputs is not UNSET:
            field_dict["structured_outputs"] = structured_outputs
        if thinking is not UNSET:
            field_dict["thinking"] = thinking
        if compaction is not UNSET:
            field_dict["compaction"] = compaction

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.beta_compaction_capability import BetaCompactionCapability
        from ..models.capability_support import CapabilitySupport
        from ..models.context_management_capability import ContextManagementCapability
        from ..models.effort_capability import EffortCapability
        from ..models.server_tools_capability import ServerToolsCapability
        from ..models.thinking_capability import ThinkingCapability

        d = dict(src_dict)
        _batch = d.pop("batch", UNSET)
        batch: CapabilitySupport | Unset
        if isinstance(_batch, Unset):
            batch = UNSET
        else:
            batch = CapabilitySupport.from_dict(_batch)

        _citations = d.pop("citations", UNSET)
        citations: CapabilitySupport | Unset
        if isinstance(_citations, Unset):
            citations = UNSET
        else:
            citations = CapabilitySupport.from_dict(_citations)

        _code_execution = d.pop("code_execution", UNSET)
        code_execution: CapabilitySupport | Unset
        if isinstance(_code_execution, Unset):
            code_execution = UNSET
        else:
            code_execution = CapabilitySupport.from_dict(_code_execution)

        _context_management = d.pop("context_management", UNSET)
        context_management: ContextManagementCapability | Unset
        if isinstance(_context_management, Unset):
            context_management = UNSET
        else:
            context_management = ContextManagementCapability.from_dict(
                _context_management
            )

        _effort = d.pop("effort", UNSET)
        effort: EffortCapability | Unset
        if isinstance(_effort, Unset):
            effort = UNSET
        else:
            effort = EffortCapability.from_dict(_effort)

        _image_input = d.pop("image_input", UNSET)
        image_input: CapabilitySupport | Unset
        if isinstance(_image_input, Unset):
            image_input = UNSET
        else:
            image_input = CapabilitySupport.from_dict(_image_input)

        _pdf_input = d.pop("pdf_input", UNSET)
        pdf_input: CapabilitySupport | Unset
        if isinstance(_pdf_input, Unset):
            pdf_input = UNSET
        else:
            pdf_input = CapabilitySupport.from_dict(_pdf_input)

        _server_tools = d.pop("server_tools", UNSET)
        server_tools: ServerToolsCapability | Unset
        if isinstance(_server_tools, Unset):
            server_tools = UNSET
        else:
            server_tools = ServerToolsCapability.from_dict(_server_tools)

        _structured_outputs = d.pop("structured_outputs", UNSET)
        structured_outputs: CapabilitySupport | Unset
        if isinstance(_structured_outputs, Unset):
            structured_outputs = UNSET
        else:
            structured_outputs = CapabilitySupport.from_dict(_structured_outputs)

        _thinking = d.pop("thinking", UNSET)
        thinking: ThinkingCapability | Unset
        if isinstance(_thinking, Unset):
            thinking = UNSET
        else:
            thinking = ThinkingCapability.from_dict(_thinking)

        def _parse_compaction(data: object) -> BetaCompactionCapability | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                compaction_type_0 = BetaCompactionCapability.from_dict(data)

                return compaction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BetaCompactionCapability | None | Unset, data)

        compaction = _parse_compaction(d.pop("compaction", UNSET))

        beta_model_capabilities = cls(
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
            compaction=compaction,
        )

        beta_model_capabilities.additional_properties = d
        return beta_model_capabilities

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
