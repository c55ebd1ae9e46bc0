"""The benchmark server: the fake Models API's HTTP face, in its own process.

    python -m benchmarks.server --models N --api-key KEY [--shape today|reference]
                                [--ids-file PATH --ids K]

Prints the base URL on the first line, then serves until SIGTERM (or Ctrl-C, or
its parent process exits). `--shape` is `synthetic_models`'s: today's (the
default; lifecycle, limits and the capabilities tree) or the reference page's
four fields.
With ``--ids-file``, first writes the IDs of the first K models there (what the
get workloads ask for; the benchmark's parent process never builds the catalogue
itself, so that it stays small: see ``contenders._peak_rss_mb``).

This is `python -m anthropic_models.testing` with two changes that only matter
for a long benchmark run: the fake's record of requests (`fake.requests`, kept
for tests) is emptied every half second, so the server's memory and garbage
collector do not grow with the ~150,000 requests of a full run; and the catalogue
is moved out of the collector's reach (`gc.freeze`) once built. What it answers
is the fake's own code, unchanged.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
import time
from types import FrameType

from anthropic_models.testing import FakeModelsAPI, synthetic_models

CLEAR_EVERY_S = 0.5


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.server")
    parser.add_argument("--models", type=int, required=True, metavar="N")
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--shape", choices=("today", "reference"), default="today")
    parser.add_argument(
        "--ids-file", help="write the first --ids model IDs here, one a line"
    )
    parser.add_argument("--ids", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    fake = FakeModelsAPI(
        models=synthetic_models(args.models, shape=args.shape), api_key=args.api_key
    )
    if args.ids_file:
        with open(args.ids_file, "w", encoding="utf-8") as file:
            file.writelines(f"{i}\n" for i in fake.model_ids[: args.ids])
    gc.collect()
    gc.freeze()
    signal.signal(signal.SIGTERM, _terminate)
    parent = os.getppid()
    try:
        with fake.serve(host=args.host, port=args.port) as server:
            print(server.base_url, flush=True)
            # Until stopped, or until the benchmark that started it is gone (say,
            # killed by a timeout): a server must never outlive its run.
            while os.getppid() == parent:
                time.sleep(CLEAR_EVERY_S)
                fake.clear_requests()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
