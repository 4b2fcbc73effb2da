"""How long do variants take? 10,000 posts x 5 channels, by default.

    python benchmarks/variants_bench.py [--posts 10000] [--runs 3] [--profile]

Reuses (or generates, into benchmarks/out/) the synthetic repository of
`validate_bench.py`, loads it once, then composes every post for five channels, one per
network most brands use (X, Bluesky, Mastodon, LinkedIn and Threads), whatever channels
the post lists: 50,000 variants by default. Each run starts with empty caches (the
tokenizer caches texts across channels of one post, as it does in `validate`). Printed:
the total, the time per variant (mean, and per network), how many variants were split
into threads, and, for reference, writing them all as JSON files (`variant_files`).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from socialplan.load.loader import load
from socialplan.variants.compose import compose
from socialplan.variants.output_files import dumps, record
from socialplan.variants.pieces import tokenize
from validate_bench import repository

NETWORKS = ("x", "bluesky", "mastodon", "linkedin", "threads")


def run_once(repo, channels) -> tuple[float, dict[str, float], int, int]:
    tokenize.cache_clear()
    per_network: dict[str, float] = defaultdict(float)
    split = 0
    count = 0
    started = time.perf_counter()
    for post in repo.posts:
        for channel in channels:
            begun = time.perf_counter()
            variant = compose(post, channel, repo.people, repo)
            per_network[channel.network] += time.perf_counter() - begun
            split += variant.split
            count += 1
    return time.perf_counter() - started, per_network, split, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    root = repository(args.posts, args.seed, fresh=False)
    started = time.perf_counter()
    repo = load(root).repo
    loading = time.perf_counter() - started
    by_network = {}
    for channel in repo.channels.values():
        by_network.setdefault(channel.network, channel)
    channels = [by_network[name] for name in NETWORKS if name in by_network]
    if len(channels) < len(NETWORKS):
        print(f"the generated strategy lacks some of {NETWORKS}; using {len(channels)} channels")

    results = [run_once(repo, channels) for _ in range(args.runs)]
    best = min(results, key=lambda result: result[0])
    total, per_network, split, count = best
    print(
        f"variants benchmark: {len(repo.posts):,} posts x {len(channels)} channels ="
        f" {count:,} variants, best of {args.runs} runs (loading the repository: {loading:.2f} s)"
    )
    print(f"total            {total:8.3f} s   runs: {[round(r[0], 3) for r in results]}")
    print(f"per variant      {total / count * 1e6:8.1f} µs (mean)")
    for channel in channels:
        share = per_network[channel.network]
        print(
            f"  {channel.network:<14} {share / len(repo.posts) * 1e6:8.1f} µs per variant"
            f"  ({share:.3f} s)"
        )
    print(f"split into threads: {split:,} variants")
    print(f"median of runs   {statistics.median(r[0] for r in results):8.3f} s")

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        size = 0
        for post in repo.posts:
            for channel in channels:
                data = dumps(record(post, compose(post, channel, repo.people, repo)))
                path = Path(folder) / f"{post.id}-{channel.id}.json"
                path.write_text(data, encoding="utf-8")
                size += len(data)
    writing = time.perf_counter() - started
    print(
        f"compose + JSON + content hash + write, all variants: {writing:.2f} s"
        f" ({size / 1e6:.1f} MB)"
    )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        run_once(repo, channels)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
