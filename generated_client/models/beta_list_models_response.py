from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.beta_model_info import BetaModelInfo


T = TypeVar("T", bound="BetaListModelsResponse")


@_attrs_define
class BetaListModelsResponse:
    """One page of models in the beta view, newest first."""

    data: list[BetaModelInfo]
    first_id: None | str
    """ ID of the first model in `data`, or null when `data` is empty. Pass it as `before_id` to fetch the previous
    page. """
    last_id: None | str
    """ ID of the last model in `data`, or null when `data` is empty. Pass it as `after_id` to fetch the next page.
    """
    has_more: bool
    """ Whether there are more results in the direction requested (older models with `after_id`, newer ones with
    `before_id`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        first_id: None | str
        first_id = self.first_id

        last_id: None | str
        last_id = self.last_id

        has_more = self.has_more

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "first_id": first_id,
                "last_id": last_id,
                "has_more": has_more,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.beta_model_info import BetaModelInfo

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = BetaModelInfo.from_dict(data_item_data)

            data.append(data_item)

        def _parse_first_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        first_id = _parse_first_id(d.pop("first_id"))

        def _parse_last_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_id = _parse_last_id(d.pop("last_id"))

        has_more = d.pop("has_more")

        beta_list_models_response = cls(
            data=data,
            first_id=first_id,
            last_id=last_id,
            has_more=has_more,
        )

        beta_list_models_response.additional_properties = d
        return beta_list_models_response

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
