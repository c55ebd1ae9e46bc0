"""`make demo`: see the client work in a second, offline, with no API key.

Starts the fake Models API (anthropic_models.testing) on 127.0.0.1, then uses
anthropic_models.Client exactly as you would against https://api.anthropic.com:
list every model, then resolve an alias.
"""

from __future__ import annotations

from anthropic_models import Client, NotFoundError
from anthropic_models.testing import FakeModelsAPI


def main() -> None:
    fake = FakeModelsAPI()
    with (
        fake.serve() as server,
        Client(api_key=fake.api_key, base_url=server.base_url) as client,
    ):
        print(f"Fake Models API on {server.base_url}\n")

        print("Every model, newest first (client.models.list(limit=5), 5 per page):")
        for model in client.models.list(limit=5):
            released = model.created_at.date().isoformat()
            print(f"  {model.id:<30} {model.display_name:<20} {released}")

        alias = "claude-sonnet-4-5"
        model = client.models.get(alias)
        print(f"\nclient.models.get({alias!r}) resolves the alias:")
        print(f"  {alias} -> {model.id} ({model.display_name})")

        try:
            client.models.get("claude-nope")
        except NotFoundError as error:
            print("\nAn unknown model raises a typed error:")
            print(f"  {type(error).__name__}: {error}")

        print(f"\nRequests sent: {len(fake.requests)}")


if __name__ == "__main__":
    main()
