from enum import StrEnum


class ModelLine(StrEnum):
    FABLE = "fable"
    HAIKU = "haiku"
    MYTHOS = "mythos"
    OPUS = "opus"
    SONNET = "sonnet"

    def __str__(self) -> str:
        return str(self.value)
