"""Sample-size rules: how many questionnaires a unit (and service) must collect.

Plain functions over plain numbers, so that each seed plan's rule is easy to test.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

# Vinh Mỹ (2709/QĐ-UBND Thừa Thiên Huế): transactions a year → minimum questionnaires.
# Below the first bound every transaction is surveyed.
VINH_MY_TABLE: tuple[tuple[int, int], ...] = ((100, 100), (1000, 200), (5000, 500))


def quota_threshold(count: int, table: Sequence[Sequence[int]] = VINH_MY_TABLE) -> int:
    """<100 → all; 100–999 → 100; 1 000–4 999 → 200; ≥5 000 → 500 (table as bound, minimum)."""
    if count <= 0:
        return 0
    rows = sorted((int(bound), int(minimum)) for bound, minimum in table)
    if count < rows[0][0]:
        return count
    required = rows[0][1]
    for bound, minimum in rows:
        if count >= bound:
            required = minimum
    return min(required, count)


def quota_percent(count: int, percent: float = 10) -> int:
    """At least ``percent`` % of the transactions, rounded up (Bình Phước: ≥ 10 %)."""
    if count <= 0:
        return 0
    return min(count, math.ceil(count * percent / 100 - 1e-9))


def quota_sipas(count: int, margin: float = 0.05) -> int:
    """n = N / (1 + N·e²), rounded up."""
    if count <= 0:
        return 0
    return math.ceil(count / (1 + count * margin * margin) - 1e-9)


def quota_fixed(units: Mapping[object, int], services_per_unit: Mapping[object, int] | int) -> dict:
    """Fixed count per unit × service: ``{unit: per_service × services}``.

    Cà Mau: 3 districts × 3 services × 70 + 10 communes × 3 services × 80 = 3 030.
    """
    result = {}
    for unit, per_service in units.items():
        services = services_per_unit if isinstance(services_per_unit, int) else services_per_unit[unit]
        result[unit] = per_service * services
    return result


def allocate_proportional(total: int, weights: Mapping[object, int]) -> dict:
    """Split ``total`` in proportion to ``weights`` with whole numbers that add up exactly.

    Largest remainder (Hamilton): each key gets the floor of its share, then the
    keys with the largest remainders get one more until the total is reached. Ties
    are broken by the larger weight, then by the key's order, so the result is stable.
    """
    keys = list(weights)
    if total <= 0 or not keys:
        return dict.fromkeys(keys, 0)
    weight_sum = sum(max(0, int(weights[k])) for k in keys)
    if weight_sum == 0:
        # No dossier counts: split evenly.
        weight_sum, clean = len(keys), dict.fromkeys(keys, 1)
    else:
        clean = {k: max(0, int(weights[k])) for k in keys}
    shares = {}
    remainders = []
    for position, key in enumerate(keys):
        whole, remainder = divmod(total * clean[key], weight_sum)
        shares[key] = whole
        remainders.append((-remainder, -clean[key], position, key))
    missing = total - sum(shares.values())
    for _, _, _, key in sorted(remainders)[:missing]:
        shares[key] += 1
    return shares


def margin_of_error(p: float, n: int, z: float = 1.96) -> float | None:
    """Half-width of the 95 % interval of a share ``p`` (0–1) measured on ``n`` answers."""
    if n <= 0:
        return None
    return z * math.sqrt(max(p * (1 - p), 0.0) / n)
