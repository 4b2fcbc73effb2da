"""Building posts, channels and people in memory for variant tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from socialplan.load import model

PEOPLE = {
    "ann": model.Person(
        "strategy/people.yaml",
        ("people", 0),
        "ann",
        "Ann (Coffee) Co",
        {
            "x": "@ann",
            "bluesky": "ann.bsky.social",
            "mastodon": "@ann@coffee.example",
            "linkedin": "urn:li:organization:42",
            "threads": "@ann.pours",
            "instagram": "@ann.pours",
        },
    ),
    "bob": model.Person("strategy/people.yaml", ("people", 1), "bob", "Bob", {"x": "@bob"}),
}


def channel(network: str, **settings: Any) -> model.Channel:
    data: dict[str, Any] = {"id": settings.pop("id", network), "network": network, **settings}
    return model.Channel(
        "strategy/channels.yaml", ("channels", 0), data["id"], network, "@us", True, "UTC", data
    )


def post(body: str = "Hello.", **front: Any) -> model.Post:
    data: dict[str, Any] = {"id": "p1", "title": "A post", "status": "approved", **front}
    return model.build_post(data, "content/posts/2027/01/p1.md", Path("p1.md"), body, 9)
