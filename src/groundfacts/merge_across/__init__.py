"""One event per real event across documents: reports of the same event from several sources.

Two per-document events (reports) are scored part by part (:mod:`.score`): type, actors,
place, date and casualties, each weighed by the rules in ``rules.toml`` (:mod:`.rules`);
a pair that reaches the threshold, with no veto, may be one event. Clusters are built by
complete linkage (:mod:`.cluster`): a report joins a cluster only when it reaches the
threshold with every report in it, so clusters never chain. The merged record takes each
field from the reports (:mod:`.record`): the most precise place, the most specific actors,
the date most reports give, the toll as ACLED takes it. The same merger runs on a batch
(:func:`merge_events`) or incrementally (:class:`CrossDocMerger` seeded with stored clusters).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from groundfacts.merge_across.cluster import CrossDocMerger, merge_events, merged_id_for
from groundfacts.merge_across.record import MergedEvent, merged_record
from groundfacts.merge_across.rules import MergeOptions, MergeRules, default_rules, load_rules
from groundfacts.merge_across.score import PairScore, actor_key, km_between, score_pair
from groundfacts.records import Event

__all__ = [
    "CrossDocMerger",
    "MergeOptions",
    "MergeRules",
    "MergedEvent",
    "PairScore",
    "actor_key",
    "cluster_pairs",
    "compare",
    "compatible",
    "default_rules",
    "km_between",
    "label_pairs",
    "load_rules",
    "merge_events",
    "merged_id_for",
    "merged_record",
    "pair_scores",
    "score_pair",
]


def compare(e: Event, f: Event, options: MergeOptions | None = None) -> PairScore:
    """The comparison of two reports, part by part (with the options' limits)."""
    return score_pair(e, f, (options or MergeOptions()).resolved())


def compatible(e: Event, f: Event, options: MergeOptions | None = None) -> bool:
    """Whether two reports, on their own, read as one event."""
    rules = (options or MergeOptions()).resolved()
    return score_pair(e, f, rules).joins(rules)


def cluster_pairs(clusters: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    """Every pair of ids (in sorted order) that share a cluster."""
    pairs: set[tuple[str, str]] = set()
    for cluster in clusters:
        ids = sorted(set(cluster))
        pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    return pairs


def label_pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    """Every pair of ids that carry the same label (id -> label)."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for eid, label in labels.items():
        by_label[label].append(eid)
    return cluster_pairs(by_label.values())


def pair_scores(
    predicted: Iterable[Iterable[str]], gold: dict[str, str]
) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a clustering of ids against gold labels
    (id -> gold cluster): a pair counts when both sit in one cluster."""
    pred_pairs, gold_pairs = cluster_pairs(predicted), label_pairs(gold)
    hit = len(pred_pairs & gold_pairs)
    p = hit / len(pred_pairs) if pred_pairs else 1.0
    r = hit / len(gold_pairs) if gold_pairs else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
