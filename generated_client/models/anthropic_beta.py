from enum import StrEnum


class AnthropicBeta(StrEnum):
    ADMIN_USER_SIGN_OUT_2026_10_08 = "admin-user-sign-out-2026-10-08"
    ADVISOR_TOOL_2026_03_01 = "advisor-tool-2026-03-01"
    AGENT_MEMORY_2026_07_22 = "agent-memory-2026-07-22"
    ANALYTICS_USAGE_COST_2026_08_24 = "analytics-usage-cost-2026-08-24"
    CACHE_DIAGNOSIS_2026_04_07 = "cache-diagnosis-2026-04-07"
    CE_CLAUDE_CODE_MANAGED_SETTINGS_2026_10_06 = (
        "ce-claude-code-managed-settings-2026-10-06"
    )
    CE_PLUGINS_2026_09_01 = "ce-plugins-2026-09-01"
    CE_USER_MANAGEMENT_2026_07_13 = "ce-user-management-2026-07-13"
    CODE_EXECUTION_2025_05_22 = "code-execution-2025-05-22"
    COMPACT_2026_01_12 = "compact-2026-01-12"
    COMPACT_2026_09_04 = "compact-2026-09-04"
    COMPUTER_USE_2024_10_22 = "computer-use-2024-10-22"
    COMPUTER_USE_2025_01_24 = "computer-use-2025-01-24"
    COMPUTER_USE_2025_11_24 = "computer-use-2025-11-24"
    CONTEXT_1M_2025_08_07 = "context-1m-2025-08-07"
    CONTEXT_MANAGEMENT_2025_06_27 = "context-management-2025-06-27"
    DEV_FULL_THINKING_2025_05_14 = "dev-full-thinking-2025-05-14"
    DREAMING_2026_04_21 = "dreaming-2026-04-21"
    EFS_2026_10_01 = "efs-2026-10-01"
    EXPERIMENTAL_CLAUDE_TAG_2026_10_21 = "experimental-claude-tag-2026-10-21"
    EXTENDED_CACHE_TTL_2025_04_11 = "extended-cache-ttl-2025-04-11"
    FALLBACK_CREDIT_2026_06_01 = "fallback-credit-2026-06-01"
    FALLBACK_CREDIT_2026_07_01 = "fallback-credit-2026-07-01"
    FAST_MODE_2026_02_01 = "fast-mode-2026-02-01"
    FILES_API_2025_04_14 = "files-api-2025-04-14"
    GOOGLE_MANAGED_DATA_CONTROLS_2026_09_01 = "google-managed-data-controls-2026-09-01"
    INLINE_TOOLS_2026_09_15 = "inline-tools-2026-09-15"
    INTERLEAVED_THINKING_2025_05_14 = "interleaved-thinking-2025-05-14"
    MANAGED_AGENTS_2026_04_01 = "managed-agents-2026-04-01"
    MCP_CLIENT_2025_04_04 = "mcp-client-2025-04-04"
    MCP_CLIENT_2025_11_20 = "mcp-client-2025-11-20"
    MCP_CLIENT_2026_09_15 = "mcp-client-2026-09-15"
    MCP_TUNNELS_2026_06_22 = "mcp-tunnels-2026-06-22"
    MESSAGE_BATCHES_2024_09_24 = "message-batches-2024-09-24"
    MESSAGE_THREADS_2026_08_12 = "message-threads-2026-08-12"
    MID_CONVERSATION_OUTPUT_CONFIG_2026_07_01 = (
        "mid-conversation-output-config-2026-07-01"
    )
    MID_CONVERSATION_SYSTEM_CLEAR_AT_2026_08_21 = (
        "mid-conversation-system-clear-at-2026-08-21"
    )
    MID_CONVERSATION_TOOL_CHANGES_2026_07_01 = (
        "mid-conversation-tool-changes-2026-07-01"
    )
    MODEL_CONTEXT_WINDOW_EXCEEDED_2025_08_26 = (
        "model-context-window-exceeded-2025-08-26"
    )
    OUTPUT_128K_2025_02_19 = "output-128k-2025-02-19"
    OUTPUT_300K_2026_03_24 = "output-300k-2026-03-24"
    PDFS_2024_09_25 = "pdfs-2024-09-25"
    PROMPT_CACHING_2024_07_31 = "prompt-caching-2024-07-31"
    SERVER_SIDE_FALLBACK_2026_06_01 = "server-side-fallback-2026-06-01"
    SERVER_SIDE_FALLBACK_2026_07_01 = "server-side-fallback-2026-07-01"
    SKILLS_2025_10_02 = "skills-2025-10-02"
    SPEND_LIMIT_READS_2026_09_26 = "spend-limit-reads-2026-09-26"
    STRUCTURED_OUTPUTS_2025_11_13 = "structured-outputs-2025-11-13"
    TASK_BUDGETS_2026_03_13 = "task-budgets-2026-03-13"
    TELEMETRY_DESTINATIONS_2026_08_11 = "telemetry-destinations-2026-08-11"
    THINKING_BINDING_CONTROLS_2026_08_01 = "thinking-binding-controls-2026-08-01"
    THINKING_DISPLAY_UPDATES_2026_08_18 = "thinking-display-updates-2026-08-18"
    THINKING_TOKEN_COUNT_2026_05_13 = "thinking-token-count-2026-05-13"
    TOKEN_COUNTING_2024_11_01 = "token-counting-2024-11-01"
    TOKEN_EFFICIENT_TOOLS_2025_02_19 = "token-efficient-tools-2025-02-19"
    USER_PROFILES_2026_03_24 = "user-profiles-2026-03-24"
    USER_PROFILES_2026_08_18 = "user-profiles-2026-08-18"
    USER_PROFILES_2026_09_04 = "user-profiles-2026-09-04"
    USER_PROFILES_BILLING_2026_10_01 = "user-profiles-billing-2026-10-01"
    WEBHOOKS_2026_10_07 = "webhooks-2026-10-07"

    def __str__(self) -> str:
        return str(self.value)
