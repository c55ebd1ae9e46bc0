"""Serve the fake Models API until interrupted.

    python -m anthropic_models.testing --port 8099 [--host 127.0.0.1]
        [--api-key KEY] [--models N]

Prints, first, the two lines a client needs as shell `export` commands (so
`eval "$(... | head -2)"` or a copy and paste sets them), then serves until
Ctrl-C (or SIGTERM), which exits 0 quietly.
"""

from __future__ import annotations

import argparse
import shlex
import signal
import sys
import time
from types import FrameType

from . import FakeModelsAPI, synthetic_models


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m anthropic_models.testing",
        description="Serve a fake Anthropic Models API over HTTP until interrupted.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    parser.add_argument(
        "--port", type=int, default=8099, help="default: 8099; 0 picks a free port"
    )
    parser.add_argument(
        "--api-key", default="test-api-key", help="the key to accept (x-api-key)"
    )
    parser.add_argument(
        "--models",
        type=int,
        default=None,
        metavar="N",
        help="serve N synthetic models instead of the realistic default catalogue",
    )
    return parser


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.models is not None and args.models < 0:
        _parser().error("--models must be >= 0")
    models = None if args.models is None else synthetic_models(args.models)
    fake = FakeModelsAPI(models=models, api_key=args.api_key)
    # SIGTERM stops it as quietly as Ctrl-C does (process managers send SIGTERM).
    signal.signal(signal.SIGTERM, _terminate)
    try:
        served = fake.serve(host=args.host, port=args.port)
    except OSError as exc:  # the port is taken, the host is not this machine's...
        # One line, as a command should say it, not a traceback.
        print(
            f"{_parser().prog}: error: cannot listen on {args.host}:{args.port}: "
            f"{exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    try:
        with served as server:
            # Quoted for the shell: the key is whatever --api-key was given.
            print(f"export ANTHROPIC_BASE_URL={shlex.quote(server.base_url)}")
            print(f"export ANTHROPIC_API_KEY={shlex.quote(fake.api_key)}")
            print(
                f"# serving {len(fake.model_ids)} models; Ctrl-C to stop",
                flush=True,
            )
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
