"""Top-k ranking metrics for offline recommendation evaluation (pure Python, no database).

A user's relevant set is the tracks they played in the held-out part and never before: both the
model and the baseline exclude already-played tracks, so a repeat listen cannot be hit by either.
Users with an empty relevant set are not evaluated; a user with no recommendations counts as a
miss (0 for both metrics), so a model cannot look better by staying silent for hard users.
"""
import math
from collections import Counter


def hit_at_k(ranked, relevant, k):
    """1.0 when any of the first k tracks is relevant, else 0.0."""
    return 1.0 if any(track in relevant for track in ranked[:k]) else 0.0


def ndcg_at_k(ranked, relevant, k):
    """Binary-relevance NDCG: sum of 1/log2(rank + 1) over relevant tracks in the first k,
    divided by the same sum for an ideal list (min(|relevant|, k) relevant tracks on top)."""
    if not relevant:
        return 0.0
    dcg = sum(1.0 / math.log2(rank + 2) for rank, track in enumerate(ranked[:k]) if track in relevant)
    ideal = sum(1.0 / math.log2(rank + 2) for rank in range(min(len(relevant), k)))
    return dcg / ideal


def evaluate(recommendations, relevant, k):
    """Mean HitRate@k and NDCG@k over the users with a non-empty relevant set.

    recommendations: user -> ranked list of track ids (best first); relevant: user -> set of
    held-out track ids. Returns users (evaluated), users_with_recommendations, hit_rate, ndcg.
    """
    users = sorted(u for u, tracks in relevant.items() if tracks)
    hits = ndcg = 0.0
    covered = 0
    for user in users:
        ranked = recommendations.get(user, [])
        covered += 1 if ranked else 0
        hits += hit_at_k(ranked, relevant[user], k)
        ndcg += ndcg_at_k(ranked, relevant[user], k)
    n = len(users)
    return {"users": n, "users_with_recommendations": covered,
            "hit_rate": hits / n if n else 0.0, "ndcg": ndcg / n if n else 0.0}


def most_popular_recommendations(training_plays, users, k):
    """The most-popular-tracks baseline: tracks ranked by play count in the training part
    (ties by track id), for each user the first k they have not played.

    training_plays: iterable of (user_id, track_id), one per play (repeats count).
    """
    counts = Counter()
    played = {}
    for user, track in training_plays:
        counts[track] += 1
        played.setdefault(user, set()).add(track)
    chart = sorted(counts, key=lambda t: (-counts[t], t))
    result = {}
    for user in users:
        seen = played.get(user, set())
        picks = []
        for track in chart:
            if track not in seen:
                picks.append(track)
                if len(picks) == k:
                    break
        result[user] = picks
    return result


def relevant_tracks(training_plays, holdout_plays):
    """user -> held-out tracks the user did not play in the training part."""
    played = {}
    for user, track in training_plays:
        played.setdefault(user, set()).add(track)
    relevant = {}
    for user, track in holdout_plays:
        if track not in played.get(user, ()):
            relevant.setdefault(user, set()).add(track)
    return relevant
