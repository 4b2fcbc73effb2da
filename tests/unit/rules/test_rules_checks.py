"""The rules no example repository trips: each reported where it belongs, at its
boundary, and silent just inside it.

Strategy: the pillar shares add up, allocations stay within the budget, value goals
say what a conversion is worth, KPIs measure value. Dates: ranges run forwards, posts
fall inside their campaign and sit in their month's folder, ambiguous local times.
Posts: an override for a channel the post does not use, a post with no text, an
Instagram post with no image, a campaign serving another objective.
"""

from __future__ import annotations

from socialplan.rules.validate import validate

from ...conftest import BrandRepo

FRONT = {
    "title": "A post",
    "status": "approved",
    "objective": "first-objective",
    "pillar": "expertise",
    "channels": "[bluesky]",
}


def found(brand: BrandRepo) -> list[tuple[str, int, str, str]]:
    return sorted(
        (p.file, p.line, p.severity.value, p.code)
        for p in validate(root=brand.root).report.problems
    )


def post(
    brand: BrandRepo,
    name: str,
    at: str = "2027-01-04 09:00 Europe/London",
    body: str = "Hello.",
    **keys: str,
) -> None:
    """A post in its month's folder (or `folder=`); `keys` are YAML values that add to or
    replace the usual front matter (id, title, status, objective, pillar, channels, at)."""
    folder = keys.pop("folder", f"{at[:4]}/{at[5:7]}")
    front = {"id": name, **FRONT, "at": at, **keys}
    text = "".join(f"{key}: {value}\n" for key, value in front.items())
    brand.write(f"content/posts/{folder}/{name}.md", f"---\n{text}---\n{body}\n")


# --- Strategy ---------------------------------------------------------------------------


def _pillars(brand: BrandRepo, *shares: float) -> None:
    items = "".join(
        f"  - {{id: p{i}, name: Pillar {i}, target_share: {share}}}\n"
        for i, share in enumerate(shares)
    )
    brand.write(
        "strategy/pillars.yaml",
        "pillars:\n  - {id: expertise, name: Expertise, target_share: 0.5}\n" + items,
    )


def test_pillar_shares_within_one_point_of_100_percent_pass(brand: BrandRepo) -> None:
    _pillars(brand, 0.25, 0.255)  # 100.5 %
    assert found(brand) == []


def test_pillar_shares_off_100_percent_are_a_warning(brand: BrandRepo) -> None:
    _pillars(brand, 0.25, 0.27)  # 102 %
    assert found(brand) == [("strategy/pillars.yaml", 2, "warning", "pillar-mix-sum")]
    _pillars(brand, 0.25, 0.23)  # 98 %
    assert found(brand) == [("strategy/pillars.yaml", 2, "warning", "pillar-mix-sum")]


BUDGET = """
currency: EUR
periods:
  - name: January
    start: 2027-01-01
    end: 2027-01-31
    total: 100
    allocations:
      - {{category: ads, channel: bluesky, amount: 60}}
      - {{category: ads, channel: bluesky, amount: {second}}}
"""


def test_allocations_up_to_the_total_pass(brand: BrandRepo) -> None:
    brand.write("strategy/budget.yaml", BUDGET.format(second=40))
    assert found(brand) == []


def test_allocations_over_the_total_are_an_error(brand: BrandRepo) -> None:
    brand.write("strategy/budget.yaml", BUDGET.format(second=40.01))
    assert found(brand) == [("strategy/budget.yaml", 6, "error", "over-budget")]


def test_a_budget_period_ending_before_it_starts(brand: BrandRepo) -> None:
    text = BUDGET.format(second=40).replace("end: 2027-01-31", "end: 2026-12-31")
    brand.write("strategy/budget.yaml", text)
    assert found(brand) == [("strategy/budget.yaml", 5, "error", "dates-reversed")]


OBJECTIVES = """
objectives:
  - id: first-objective
    statement: What social media must achieve.
    goal: {goal}
{value}    kpis:
{kpis}
"""


def _objective(brand: BrandRepo, goal: str, metrics: list[str], value: bool = True) -> None:
    kpis = "".join(f"      - {{metric: {m}, target: 10, period: month}}\n" for m in metrics)
    worth = "    value_per_conversion: 50\n" if value else ""
    brand.write(
        "strategy/objectives.yaml", OBJECTIVES.format(goal=goal, value=worth, kpis=kpis.rstrip())
    )


def test_a_value_goal_without_a_conversion_value_is_a_warning(brand: BrandRepo) -> None:
    _objective(brand, "leads", ["leads"], value=False)
    assert found(brand) == [("strategy/objectives.yaml", 4, "warning", "no-conversion-value")]
    _objective(brand, "conversions", ["conversions"], value=False)
    assert found(brand) == [("strategy/objectives.yaml", 4, "warning", "no-conversion-value")]
    _objective(brand, "engagement", ["replies"], value=False)
    assert found(brand) == []


def test_kpis_of_volume_alone_fit_only_awareness(brand: BrandRepo) -> None:
    _objective(brand, "leads", ["reach", "followers"])
    assert found(brand) == [("strategy/objectives.yaml", 7, "warning", "volume-only-kpis")]
    _objective(brand, "engagement", ["reach", "impressions", "followers"])
    assert found(brand) == [("strategy/objectives.yaml", 7, "warning", "volume-only-kpis")]
    _objective(brand, "awareness", ["reach", "impressions", "followers"])
    assert found(brand) == []
    _objective(brand, "leads", ["reach", "leads"])
    assert found(brand) == []


# --- Campaigns and dates ----------------------------------------------------------------

CAMPAIGNS = """
campaigns:
  - id: launch
    name: Launch
    objective: {objective}
    start: {start}
    end: {end}
"""


def _campaign(brand: BrandRepo, start: str, end: str, objective: str = "first-objective") -> None:
    brand.write(
        "strategy/campaigns.yaml", CAMPAIGNS.format(objective=objective, start=start, end=end)
    )


def test_a_campaign_ending_before_it_starts(brand: BrandRepo) -> None:
    _campaign(brand, "2027-01-10", "2027-01-09")
    assert found(brand) == [("strategy/campaigns.yaml", 6, "error", "dates-reversed")]
    _campaign(brand, "2027-01-10", "2027-01-10")
    assert found(brand) == []


def test_a_post_inside_its_campaign_to_the_last_day_passes(brand: BrandRepo) -> None:
    _campaign(brand, "2027-01-04", "2027-01-06")
    post(brand, "first", "2027-01-04 00:00 Europe/London", campaign="launch")
    post(brand, "last", "2027-01-06 23:59 Europe/London", campaign="launch")
    assert found(brand) == []


def test_a_post_outside_its_campaign_is_a_warning(brand: BrandRepo) -> None:
    _campaign(brand, "2027-01-05", "2027-01-06")
    post(brand, "before", "2027-01-04 23:59 Europe/London", campaign="launch")
    post(brand, "after", "2027-01-07 00:00 Europe/London", campaign="launch")
    assert found(brand) == [
        ("content/posts/2027/01/after.md", 8, "warning", "outside-campaign"),
        ("content/posts/2027/01/before.md", 8, "warning", "outside-campaign"),
    ]


def test_a_post_serving_another_objective_than_its_campaign(brand: BrandRepo) -> None:
    brand.write(
        "strategy/objectives.yaml",
        OBJECTIVES.format(
            goal="awareness", value="", kpis="      - {metric: reach, target: 1, period: month}"
        )
        + "  - id: second\n    statement: Another.\n    goal: awareness\n"
        + "    kpis: [{metric: reach, target: 1, period: month}]\n",
    )
    _campaign(brand, "2027-01-01", "2027-01-31", objective="second")
    post(brand, "a", campaign="launch")
    assert found(brand) == [
        ("content/posts/2027/01/a.md", 5, "warning", "campaign-objective-mismatch")
    ]


def test_a_post_filed_under_another_month(brand: BrandRepo) -> None:
    post(brand, "january", "2027-01-31 21:00 Europe/London")
    post(brand, "february", "2027-02-01 00:30 Europe/London", folder="2027/01")
    assert found(brand) == [("content/posts/2027/01/february.md", 1, "warning", "post-misfiled")]


def test_a_local_time_that_happens_twice(brand: BrandRepo) -> None:
    # The clocks go back from 02:00 to 01:00 on 31 October 2027 in London.
    post(brand, "twice", "2027-10-31 01:30 Europe/London")
    post(brand, "once", "2027-10-31 02:30 Europe/London")
    assert found(brand) == [("content/posts/2027/10/twice.md", 8, "warning", "time-ambiguous")]


# --- Posts ------------------------------------------------------------------------------


def test_an_override_for_a_channel_the_post_does_not_use(brand: BrandRepo) -> None:
    channels = (brand.root / "strategy/channels.yaml").read_text(encoding="utf-8")
    brand.write(
        "strategy/channels.yaml",
        channels + "  - id: mastodon\n    network: mastodon\n    account: brand@example.social\n"
        "    server: https://example.social\n    time_zone: Europe/London\n",
    )
    post(brand, "a", overrides="{mastodon: {text: Only for Mastodon.}}")
    assert found(brand) == [("content/posts/2027/01/a.md", 9, "warning", "override-unused")]


def test_a_post_with_no_text_for_a_channel(brand: BrandRepo) -> None:
    post(brand, "a", body=" ")
    assert found(brand) == [("content/posts/2027/01/a.md", 7, "error", "empty-text")]


def test_instagram_and_pinterest_need_an_image_or_a_card(brand: BrandRepo) -> None:
    brand.write(
        "strategy/channels.yaml",
        "channels:\n"
        "  - {id: insta, network: instagram, account: brand, time_zone: Europe/London}\n"
        "  - {id: pins, network: pinterest, account: brand, time_zone: Europe/London}\n",
    )
    post(brand, "insta", channels="[insta]")
    post(brand, "pins", "2027-01-05 09:00 Europe/London", channels="[pins]")
    card = "{template: quote, title: A quote, alt: The quote on a card.}"
    post(brand, "card", "2027-01-06 09:00 Europe/London", channels="[insta]", card=card)
    assert [f for f in found(brand) if f[3] == "image-required"] == [
        ("content/posts/2027/01/insta.md", 7, "error", "image-required"),
        ("content/posts/2027/01/pins.md", 7, "error", "image-required"),
    ]


def test_a_thread_needs_a_single_text_of_its_own_where_threads_do_not_exist(
    brand: BrandRepo,
) -> None:
    brand.write(
        "strategy/channels.yaml",
        "channels:\n"
        "  - {id: linkedin, network: linkedin, account: brand, time_zone: Europe/London}\n",
    )
    thread = "[Then more., And the end.]"
    post(brand, "a", channels="[linkedin]", thread=thread)
    assert found(brand) == [("content/posts/2027/01/a.md", 9, "error", "thread-not-supported")]
    post(brand, "a", channels="[linkedin]", thread=thread, overrides="{linkedin: {text: All.}}")
    assert found(brand) == []
