"""Contains all the data models used in inputs/outputs"""

from .anthropic_beta import AnthropicBeta
from .api_error import APIError
from .beta_compaction_capability import BetaCompactionCapability
from .beta_list_models_response import BetaListModelsResponse
from .beta_model_capabilities import BetaModelCapabilities
from .beta_model_info import BetaModelInfo
from .capability_support import CapabilitySupport
from .context_management_capability import ContextManagementCapability
from .effort_capability import EffortCapability
from .error_details import ErrorDetails
from .error_response import ErrorResponse
from .error_type import ErrorType
from .list_models_response import ListModelsResponse
from .model_capabilities import ModelCapabilities
from .model_info import ModelInfo
from .model_info_lifecycle import ModelInfoLifecycle
from .model_line import ModelLine
from .server_tools_capability import ServerToolsCapability
from .thinking_capability import ThinkingCapability
from .thinking_types import ThinkingTypes

__all__ = (
    "APIError",
    "AnthropicBeta",
    "BetaCompactionCapability",
    "BetaListModelsResponse",
    "BetaModelCapabilities",
    "BetaModelInfo",
    "CapabilitySupport",
    "ContextManagementCapability",
    "EffortCapability",
    "ErrorDetails",
    "ErrorResponse",
    "ErrorType",
    "ListModelsResponse",
    "ModelCapabilities",
    "ModelInfo",
    "ModelInfoLifecycle",
    "ModelLine",
    "ServerToolsCapability",
    "ThinkingCapability",
    "ThinkingTypes",
)
