from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.model_info_lifecycle import ModelInfoLifecycle
from ..models.model_line import ModelLine
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.beta_model_capabilities import BetaModelCapabilities


T = TypeVar("T", bound="BetaModelInfo")


@_attrs_define
class BetaModelInfo:
    """A model available through the API, in the beta view: ModelInfo's properties and the fields of beta features.

    Example:
        {'id': 'claude-opus-4-5-20251101', 'created_at': '2025-11-01T00:00:00Z', 'display_name': 'Claude Opus 4.5',
            'type': 'model', 'lifecycle': 'active', 'deprecated_at': None, 'retires_at': None, 'line': 'opus',
            'max_input_tokens': 200000, 'max_tokens': 64000, 'allowed_fallback_models': ['claude-sonnet-4-5-20250929',
            'claude-haiku-4-5-20251001'], 'capabilities': {'batch': {'supported': True}, 'citations': {'supported': True},
            'code_execution': {'supported': True}, 'compaction': {'supported': True, 'summarize': {'supported': True}},
            'context_management': {'supported': True, 'clear_thinking_20251015': {'supported': True},
            'clear_tool_uses_20250919': {'supported': True}, 'compact_20260112': {'supported': True}}, 'effort':
            {'supported': True, 'low': {'supported': True}, 'medium': {'supported': True}, 'high': {'supported': True},
            'max': {'supported': False}, 'xhigh': None}, 'image_input': {'supported': True}, 'pdf_input': {'supported':
            True}, 'server_tools': {'supported': True, 'code_execution': {'supported': True}, 'web_search': {'supported':
            True}}, 'structured_outputs': {'supported': True}, 'thinking': {'supported': True, 'types': {'adaptive':
            {'supported': False}, 'between_tools': {'supported': True}, 'disabled': {'supported': True}, 'enabled':
            {'supported': True}}}}}

    """

    id: str
    """ Unique model identifier. """
    created_at: datetime.datetime
    """ RFC 3339 datetime string representing the time at which the model was released. May be set to an epoch value
    if the release date is unknown. """
    display_name: str
    """ A human-readable name for the model. """
    type_: Literal["model"]
    """ Object type.

    For Models, this is always `"model"`. """
    lifecycle: ModelInfoLifecycle | str | Unset = UNSET
    """ The model's lifecycle stage. `active`: usable and open to new users. `deprecated`: still callable by
    organisations that already use it, closed to new ones, headed for retirement. `retired`: no longer usable
    (requests naming it fail), kept in the catalogue as a record. More stages may come. """
    deprecated_at: datetime.datetime | None | Unset = UNSET
    """ RFC 3339 datetime string of the model's most recent deprecation. Set for `deprecated` and `retired` models;
    null while the model is `active`. """
    retires_at: datetime.datetime | None | Unset = UNSET
    """ RFC 3339 datetime string of the model's scheduled retirement, which may be revised until it happens; null
    while the model is `active` or no retirement is scheduled. A past date on a `deprecated` model means the
    retirement is overdue: `lifecycle`, not this date, says whether it happened. """
    line: ModelLine | None | str | Unset = UNSET
    """ The model line, such as `opus` for both Claude Opus 4.5 and Claude Opus 4.6; null when the model belongs to
    no line. Never infer it from the `id`. """
    max_input_tokens: int | None | Unset = UNSET
    """ The model's context window, in tokens. """
    max_tokens: int | None | Unset = UNSET
    """ The largest `max_tokens` a request to this model may ask for. """
    allowed_fallback_models: list[str] | None | Unset = UNSET
    """ The model IDs this model accepts as `fallbacks[i].model` on the Messages API. An empty list: the `fallbacks`
    parameter is not supported with this model as the primary; null: not stated. """
    capabilities: BetaModelCapabilities | None | Unset = UNSET
    """ What the model supports, the beta features' entries included. Keys an older server lacks are UNSET, new ones
    are kept as extra properties. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.beta_model_capabilities import BetaModelCapabilities

        id = self.id

        created_at = self.created_at.isoformat()

        display_name = self.display_name

        type_ = self.type_

        lifecycle: str | Unset
        if isinstance(self.lifecycle, Unset):
            lifecycle = UNSET
        elif isinstance(self.lifecycle, ModelInfoLifecycle):
            lifecycle = self.lifecycle.value
        else:
            lifecycle = self.lifecycle

        deprecated_at: None | str | Unset
        if isinstance(self.deprecated_at, Unset):
            deprecated_at = UNSET
        elif isinstance(self.deprecated_at, datetime.datetime):
            deprecated_at = self.deprecated_at.isoformat()
        else:
            deprecated_at = self.deprecated_at

        retires_at: None | str | Unset
        if isinstance(self.retires_at, Unset):
            retires_at = UNSET
        elif isinstance(self.retires_at, datetime.datetime):
            retires_at = self.retires_at.isoformat()
        else:
            retires_at = self.retires_at

        line: None | str | Unset
        if isinstance(self.line, Unset):
            line = UNSET
        elif isinstance(self.line, ModelLine):
            line = self.line.value
        else:
            line = self.line

        max_input_tokens: int | None | Unset
        if isinstance(self.max_input_tokens, Unset):
            max_input_tokens = UNSET
        else:
            max_input_tokens = self.max_input_tokens

        max_tokens: int | None | Unset
        if isinstance(self.max_tokens, Unset):
            max_tokens = UNSET
        else:
            max_tokens = self.max_tokens

        allowed_fallback_models: list[str] | None | Unset
        if isinstance(self.allowed_fallback_models, Unset):
            allowed_fallback_models = UNSET
        elif isinstance(self.allowed_fallback_models, list):
            allowed_fallback_models = self.allowed_fallback_models

        else:
            allowed_fallback_models = self.allowed_fallback_models

        capabilities: dict[str, Any] | None | Unset
        if isinstance(self.capabilities, Unset):
            capabilities = UNSET
        elif isinstance(self.capabilities, BetaModelCapabilities):
            capabilities = self.capabilities.to_dict()
        else:
            capabilities = self.capabilities

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
                "display_name": display_name,
                "type": type_,
            }
        )
        if lifecycle is not UNSET:
            field_dict["lifecycle"] = lifecycle
        if deprecated_at is not UNSET:
            field_dict["deprecated_at"] = deprecated_at
        if retires_at is not UNSET:
            field_dict["retires_at"] = retires_at
        if line is not UNSET:
            field_dict["line"] = line
        if max_input_tokens is not UNSET:
            field_dict["max_input_tokens"] = max_input_tokens
        if max_tokens is not UNSET:
            field_dict["max_tokens"] = max_tokens
        if allowed_fallback_models is not UNSET:
            field_dict["allowed_fallback_models"] = allowed_fallback_models
        if capabilities is not UNSET:
            field_dict["capabilities"] = capabilities

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.beta_model_capabilities import BetaModelCapabilities

        d = dict(src_dict)
        id = d.pop("id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        display_name = d.pop("display_name")

        type_ = cast(Literal["model"], d.pop("type"))
        if type_ != "model":
            raise ValueError(f"type must match const 'model', got '{type_}'")

        def _parse_lifecycle(data: object) -> ModelInfoLifecycle | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_model_info_lifecycle_type_0 = ModelInfoLifecycle(data)

                return componentsschemas_model_info_lifecycle_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ModelInfoLifecycle | str | Unset, data)

        lifecycle = _parse_lifecycle(d.pop("lifecycle", UNSET))

        def _parse_deprecated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deprecated_at_type_0 = datetime.datetime.fromisoformat(data)

                return deprecated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        deprecated_at = _parse_deprecated_at(d.pop("deprecated_at", UNSET))

        def _parse_retires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                retires_at_type_0 = datetime.datetime.fromisoformat(data)

                return retires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        retires_at = _parse_retires_at(d.pop("retires_at", UNSET))

        def _parse_line(data: object) -> ModelLine | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_model_line_type_0 = ModelLine(data)

                return componentsschemas_model_line_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ModelLine | None | str | Unset, data)

        line = _parse_line(d.pop("line", UNSET))

        def _parse_max_input_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_input_tokens = _parse_max_input_tokens(d.pop("max_input_tokens", UNSET))

        def _parse_max_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_tokens = _parse_max_tokens(d.pop("max_tokens", UNSET))

        def _parse_allowed_fallback_models(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allowed_fallback_models_type_0 = cast(list[str], data)

                return allowed_fallback_models_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        allowed_fallback_models = _parse_allowed_fallback_models(
            d.pop("allowed_fallback_models", UNSET)
        )

        def _parse_capabilities(data: object) -> BetaModelCapabilities | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                capabilities_type_0 = BetaModelCapabilities.from_dict(data)

                return capabilities_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BetaModelCapabilities | None | Unset, data)

        capabilities = _parse_capabilities(d.pop("capabilities", UNSET))

        beta_model_info = cls(
            id=id,
            created_at=created_at,
            display_name=display_name,
            type_=type_,
            lifecycle=lifecycle,
            deprecated_at=deprecated_at,
            retires_at=retires_at,
            line=line,
            max_input_tokens=max_input_tokens,
            max_tokens=max_tokens,
            allowed_fallback_models=allowed_fallback_models,
            capabilities=capabilities,
        )

        beta_model_info.additional_properties = d
        return beta_model_info

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
