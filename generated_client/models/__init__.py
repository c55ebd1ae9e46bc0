"""Contains all the data models used in inputs/outputs"""

from .anthropic_beta import AnthropicBeta
from .api_error import APIError
from .error_response import ErrorResponse
from .error_type import ErrorType
from .list_models_response import ListModelsResponse
from .model_info import ModelInfo

__all__ = (
    "APIError",
    "AnthropicBeta",
    "ErrorResponse",
    "ErrorType",
    "ListModelsResponse",
    "ModelInfo",
)
