from enum import StrEnum


class AnthropicBeta(StrEnum):
    CODE_EXECUTION_2025_05_22 = "code-execution-2025-05-22"
    COMPUTER_USE_2024_10_22 = "computer-use-2024-10-22"
    COMPUTER_USE_2025_01_24 = "computer-use-2025-01-24"
    CONTEXT_1M_2025_08_07 = "context-1m-2025-08-07"
    CONTEXT_MANAGEMENT_2025_06_27 = "context-management-2025-06-27"
    DEV_FULL_THINKING_2025_05_14 = "dev-full-thinking-2025-05-14"
    EXTENDED_CACHE_TTL_2025_04_11 = "extended-cache-ttl-2025-04-11"
    FILES_API_2025_04_14 = "files-api-2025-04-14"
    INTERLEAVED_THINKING_2025_05_14 = "interleaved-thinking-2025-05-14"
    MCP_CLIENT_2025_04_04 = "mcp-client-2025-04-04"
    MCP_CLIENT_2025_11_20 = "mcp-client-2025-11-20"
    MESSAGE_BATCHES_2024_09_24 = "message-batches-2024-09-24"
    MODEL_CONTEXT_WINDOW_EXCEEDED_2025_08_26 = (
        "model-context-window-exceeded-2025-08-26"
    )
    OUTPUT_128K_2025_02_19 = "output-128k-2025-02-19"
    PDFS_2024_09_25 = "pdfs-2024-09-25"
    PROMPT_CACHING_2024_07_31 = "prompt-caching-2024-07-31"
    SKILLS_2025_10_02 = "skills-2025-10-02"
    TOKEN_COUNTING_2024_11_01 = "token-counting-2024-11-01"
    TOKEN_EFFICIENT_TOOLS_2025_02_19 = "token-efficient-tools-2025-02-19"

    def __str__(self) -> str:
        return str(self.value)
