"""Each channel's variant drawn the way its network shows a post.

A preview is an HTML/CSS mock-up (styled by socialplan.css): the account's
name and handle, the text with links, mentions and hashtags coloured, the
images cropped the way the network crops them, a link card where the network
unfurls links, and the length of every part against the network's limit,
counted the way that network counts (`Network.measure`). Where a network folds
long text behind "more", the part past the fold is shown dimmed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..guards import urls
from ..load.files import inside, is_file
from ..load.model import Channel, Media, Post
from ..platforms import NETWORKS, Measure, Network
from .content import Site, SourceFile
from .markup import Linker, esc, join, multiline, tag

# Where the feed cuts a caption behind "more" (characters; approximate, secondary sources).
FOLDS = {
    "instagram": (125, "… more"),
    "linkedin": (210, "…see more"),
    "facebook": (480, "See more"),
}
ACTIONS = {
    "x": ("Reply", "Repost", "Like", "Views"),
    "bluesky": ("Reply", "Repost", "Like"),
    "mastodon": ("Reply", "Boost", "Favourite"),
    "threads": ("Like", "Comment", "Repost", "Share"),
    "linkedin": ("Like", "Comment", "Repost", "Send"),
    "instagram": ("Like", "Comment", "Share", "Save"),
    "facebook": ("Like", "Comment", "Share"),
    "pinterest": ("Save",),
}
LINK_CARDS = frozenset(
    {"x", "bluesky", "mastodon", "threads", "linkedin", "facebook", "discord", "slack"}
)
# A URL, a LinkedIn mention `@[Name](urn:…)`, a handle (`@a`, `@a@server`,
# `@a.bsky.social`), a hashtag.
_ENTITY = re.compile(
    r"(?P<url>https?://[^\s<>\"]+[^\s<>\".,;:!?)'\]])"
    r"|(?P<little>@\[(?P<name>[^\]\n]+)\]\((?:urn:[^)\s]+)\))"
    r"|(?P<handle>(?<![\w@])@[\w][\w.\-]*(?:@[\w\-]+(?:\.[\w\-]+)+)?)"
    r"|(?P<tag>(?<![\w#&])#\w+)"
)


@dataclass(frozen=True)
class Image:
    src: str  # site path
    alt: str
    ratio: str | None = None  # "w / h" of a generated image, already cropped for the network


def highlight(text: str) -> str:
    """Escaped text with its entities coloured; URLs are links (http and https only)."""
    out: list[str] = []
    position = 0
    for match in _ENTITY.finditer(text):
        out.append(multiline(text[position : match.start()], strip=False))
        if match.group("url"):
            url = urls.checked(match.group("url"))
            out.append(
                tag(
                    "a",
                    esc(match.group("url")),
                    href=url,
                    class_="sp-entity",
                    rel="nofollow noopener",
                )
                if url
                else esc(match.group("url"))
            )
        elif match.group("little"):
            out.append(tag("span", esc(match.group("name")), class_="sp-entity"))
        else:
            out.append(tag("span", esc(match.group(0)), class_="sp-entity"))
        position = match.end()
    out.append(multiline(text[position:], strip=False))
    return join(out)


def folded(text: str, network: str) -> str:
    text = text.strip("\n")
    fold = FOLDS.get(network)
    if fold is None or len(text) <= fold[0]:
        return highlight(text)
    cut, label = fold
    return (
        highlight(text[:cut])
        + tag("span", esc(label), class_="sp-foldmark")
        + tag(
            "span", highlight(text[cut:]), class_="sp-beyond", title="hidden until “more” is tapped"
        )
    )


def images_for(site: Site, post: Post, channel: Channel) -> list[Image]:
    """The images this channel receives: generated crops when built, else the media files."""
    override = post.overrides.get(channel.id)
    media: list[Media] = override.media if override and override.media is not None else post.media
    generated = site.extras.images.get(post.id, {}).get(channel.id)
    if generated:
        return [
            Image(
                site.add_asset(
                    f"assets/images/{post.id}/{image.path.name}", SourceFile(image.path)
                ),
                image.alt
                if image.alt is not None
                else (media[i].alt or "" if i < len(media) else ""),
                f"{image.width} / {image.height}" if image.width and image.height else None,
            )
            for i, image in enumerate(generated)
        ]
    found = []
    for item in media:
        source = media_file(site, item.file)
        if source is not None:
            found.append(
                Image(site.add_asset(f"media/{item.file}", SourceFile(source)), item.alt or "")
            )
    return found


def media_file(site: Site, rel: str) -> Path | None:
    """A file under content/media/, only when it is really inside that folder.

    Looked up once per build: thousands of posts share a few dozen images."""
    if rel in site.media_found:
        return site.media_found[rel]
    folder = (site.repo.root / "content" / "media").resolve()
    path = folder / rel
    found = path.resolve() if inside(path, folder) and is_file(path) else None
    site.media_found[rel] = found
    return found


def measures(
    network: Network, channel: Channel, text: str, counted: list[Measure] | None = None
) -> str:
    """Length against limit, as the variant counted it (or measured here)."""
    items = []
    for m in counted if counted else network.measure(text, channel.limit("text")):
        over = m.used > m.limit
        label = f"{m.used:,} / {m.limit:,} {m.unit}" + (
            f" — over by {m.used - m.limit:,}" if over else ""
        )
        items.append(tag("span", esc(label), class_="sp-measure sp-over" if over else "sp-measure"))
    if network.hashtag_cap is not None:
        tags = len(re.findall(r"(?<![\w#&])#\w+", text))
        cap = channel.limit("hashtags") or network.hashtag_cap
        label = f"{tags} / {cap} hashtags"
        items.append(
            tag("span", esc(label), class_="sp-measure sp-over" if tags > cap else "sp-measure")
        )
    return tag("div", " · ".join(items), class_="sp-measures")


def header(site: Site, linker: Linker, channel: Channel, when: str) -> str:
    initials = "".join(word[0] for word in site.brand_name.split()[:2]).upper() or "?"
    avatar = (
        tag("img", src=linker.href(site.logo), alt="") if site.logo is not None else esc(initials)
    )
    who = tag("span", esc(site.brand_name), class_="sp-name") + tag(
        "span", esc(channel.account or channel.id), class_="sp-handle"
    )
    if when:
        who += tag("span", esc(when), class_="sp-time")
    return tag(
        "div",
        tag("div", avatar, class_="sp-avatar") + tag("div", who, class_="sp-who"),
        class_="sp-head",
    )


def media_grid(linker: Linker, images: list[Image], limit: int) -> str:
    shown = images[:limit]
    if not shown:
        return ""
    figures = join(
        tag(
            "figure",
            tag("img", src=linker.href(image.src), alt=image.alt, loading="lazy")
            + (tag("span", "ALT", class_="sp-alt", title=image.alt) if image.alt else ""),
            style=f"aspect-ratio: {image.ratio}" if image.ratio and len(shown) == 1 else None,
        )
        for image in shown
    )
    return tag("div", figures, class_=f"sp-media sp-n{len(shown)}")


def link_card_image(site: Site, post: Post) -> str | None:
    """The site path of the post's Open Graph card, when the images step made one."""
    og = site.extras.images.get(post.id, {}).get("og")
    if not og:
        return None
    return site.add_asset(f"assets/images/{post.id}/{og[0].path.name}", SourceFile(og[0].path))


def link_card(site: Site, linker: Linker, post: Post, link: str) -> str:
    src = link_card_image(site, post)
    picture = ""
    if src is not None:
        picture = tag("img", src=linker.href(src), alt="", loading="lazy")
    domain = urlsplit(link).netloc or link
    return tag(
        "div", picture + tag("div", esc(domain) + "<br>" + esc(post.title)), class_="sp-linkcard"
    )


def preview(
    site: Site,
    linker: Linker,
    post: Post,
    channel: Channel,
    parts: list[str],
    link: str | None,
    when: str,
    counted: list[list[Measure]] | None = None,
) -> str:
    """The mock-up of one channel's variant: one card per part (thread replies follow)."""
    network = NETWORKS.get(channel.network)
    name = channel.network
    images = images_for(site, post, channel)
    cards = []
    for index, part in enumerate(parts):
        body = [header(site, linker, channel, when if index == 0 else "")]
        body.append(tag("p", folded(part, name), class_="sp-text"))
        if index == 0:
            limit = network.max_images if network is not None else 4
            body.append(media_grid(linker, images, limit))
            if link and not images and name in LINK_CARDS:
                body.append(link_card(site, linker, post, link))
            if link and network is not None and not network.clickable_links:
                body.append(tag("div", "Link in bio: " + esc(link), class_="sp-note"))
        actions = ACTIONS.get(name, ())
        if actions:
            body.append(tag("div", join(tag("span", esc(a)) for a in actions), class_="sp-actions"))
        if network is not None:
            own = counted[index] if counted and index < len(counted) else None
            body.append(measures(network, channel, part, own))
        cards.append(tag("div", join(body), class_="sp-card"))
    return tag(
        "div",
        join(cards),
        class_=f"sp-preview sp-net-{name}" + (" sp-thread" if len(cards) > 1 else ""),
    )
