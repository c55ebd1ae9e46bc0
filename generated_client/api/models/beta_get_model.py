from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.beta_model_info import BetaModelInfo
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    model_id: str,
    *,
    anthropic_beta: str | Unset = UNSET,
    anthropic_version: str = "2023-06-01",
    anthropic_workspace_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(anthropic_beta, Unset):
        headers["anthropic-beta"] = anthropic_beta

    headers["anthropic-version"] = anthropic_version

    if not isinstance(anthropic_workspace_id, Unset):
        headers["anthropic-workspace-id"] = anthropic_workspace_id

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/models/{model_id}?beta=true".format(
            model_id=quote(str(model_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BetaModelInfo | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = BetaModelInfo.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorResponse.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = ErrorResponse.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = ErrorResponse.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 431:
        response_431 = ErrorResponse.from_dict(response.json())

        return response_431

    if response.status_code == 499:
        response_499 = ErrorResponse.from_dict(response.json())

        return response_499

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 501:
        response_501 = ErrorResponse.from_dict(response.json())

        return response_501

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = ErrorResponse.from_dict(response.json())

        return response_504

    if response.status_code == 529:
        response_529 = ErrorResponse.from_dict(response.json())

        return response_529

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BetaModelInfo | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    model_id: str,
    *,
    client: AuthenticatedClient | Client,
    anthropic_beta: str | Unset = UNSET,
    anthropic_version: str = "2023-06-01",
    anthropic_workspace_id: str | Unset = UNSET,
) -> Response[BetaModelInfo | ErrorResponse]:
    """Get a Model (beta)

     Get a specific model, in the beta view.

    The same model as Get a Model, with the fields of beta features too: the models it accepts as
    fallbacks, and whether it supports compaction.

    Args:
        model_id (str):
        anthropic_beta (str | Unset):
        anthropic_version (str):  Default: '2023-06-01'.
        anthropic_workspace_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BetaModelInfo | ErrorResponse]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
        anthropic_beta=anthropic_beta,
        anthropic_version=anthropic_version,
        anthropic_workspace_id=anthropic_workspace_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    model_id: str,
    *,
    client: AuthenticatedClient | Client,
    anthropic_beta: str | Unset = UNSET,
    anthropic_version: str = "2023-06-01",
    anthropic_workspace_id: str | Unset = UNSET,
) -> BetaModelInfo | ErrorResponse | None:
    """Get a Model (beta)

     Get a specific model, in the beta view.

    The same model as Get a Model, with the fields of beta features too: the models it accepts as
    fallbacks, and whether it supports compaction.

    Args:
        model_id (str):
        anthropic_beta (str | Unset):
        anthropic_version (str):  Default: '2023-06-01'.
        anthropic_workspace_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BetaModelInfo | ErrorResponse
    """

    return sync_detailed(
        model_id=model_id,
        client=client,
        anthropic_beta=anthropic_beta,
        anthropic_version=anthropic_version,
        anthropic_workspace_id=anthropic_workspace_id,
    ).parsed


async def asyncio_detailed(
    model_id: str,
    *,
    client: AuthenticatedClient | Client,
    anthropic_beta: str | Unset = UNSET,
    anthropic_version: str = "2023-06-01",
    anthropic_workspace_id: str | Unset = UNSET,
) -> Response[BetaModelInfo | ErrorResponse]:
    """Get a Model (beta)

     Get a specific model, in the beta view.

    The same model as Get a Model, with the fields of beta features too: the models it accepts as
    fallbacks, and whether it supports compaction.

    Args:
        model_id (str):
        anthropic_beta (str | Unset):
        anthropic_version (str):  Default: '2023-06-01'.
        anthropic_workspace_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BetaModelInfo | ErrorResponse]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
        anthropic_beta=anthropic_beta,
        anthropic_version=anthropic_version,
        anthropic_workspace_id=anthropic_workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    model_id: str,
    *,
    client: AuthenticatedClient | Client,
    anthropic_beta: str | Unset = UNSET,
    anthropic_version: str = "2023-06-01",
    anthropic_workspace_id: str | Unset = UNSET,
) -> BetaModelInfo | ErrorResponse | None:
    """Get a Model (beta)

     Get a specific model, in the beta view.

    The same model as Get a Model, with the fields of beta features too: the models it accepts as
    fallbacks, and whether it supports compaction.

    Args:
        model_id (str):
        anthropic_beta (str | Unset):
        anthropic_version (str):  Default: '2023-06-01'.
        anthropic_workspace_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BetaModelInfo | ErrorResponse
    """

    return (
        await asyncio_detailed(
            model_id=model_id,
            client=client,
            anthropic_beta=anthropic_beta,
            anthropic_version=anthropic_version,
            anthropic_workspace_id=anthropic_workspace_id,
        )
    ).parsed
