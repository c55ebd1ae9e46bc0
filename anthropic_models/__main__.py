"""``python -m anthropic_models``: the ``anthropic-models`` command."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
