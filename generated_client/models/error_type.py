from enum import StrEnum


class ErrorType(StrEnum):
    API_ERROR = "api_error"
    AUTHENTICATION_ERROR = "authentication_error"
    BILLING_ERROR = "billing_error"
    CONFLICT_ERROR = "conflict_error"
    INVALID_REQUEST_ERROR = "invalid_request_error"
    MEMORY_PATH_CONFLICT_ERROR = "memory_path_conflict_error"
    MEMORY_PRECONDITION_FAILED_ERROR = "memory_precondition_failed_error"
    NOT_FOUND_ERROR = "not_found_error"
    OVERLOADED_ERROR = "overloaded_error"
    PERMISSION_ERROR = "permission_error"
    RATE_LIMIT_ERROR = "rate_limit_error"
    REQUEST_TOO_LARGE = "request_too_large"
    TIMEOUT_ERROR = "timeout_error"

    def __str__(self) -> str:
        return str(self.value)
