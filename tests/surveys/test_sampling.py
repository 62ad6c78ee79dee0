"""Sample-size rules on each seed plan's numbers."""

import random

import pytest

from surveys import sampling


@pytest.mark.parametrize(
    ("transactions", "required"),
    [
        (0, 0),
        (1, 1),
        (50, 50),
        (99, 99),
        (100, 100),
        (999, 100),
        (1000, 200),
        (4999, 200),
        (5000, 500),
        (20000, 500),
    ],
)
def test_vinh_my_threshold_table(transactions, required):
    """<100 → all; 100–999 → 100; 1 000–4 999 → 200; ≥5 000 → 500 (Vinh Mỹ, 2709/QĐ-UBND)."""
    assert sampling.quota_threshold(transactions) == required


@pytest.mark.parametrize(("transactions", "required"), [(300, 30), (1234, 124), (1200, 120), (5, 1), (0, 0)])
def test_binh_phuoc_ten_percent_rounds_up(transactions, required):
    """At least 10 % of the year's transactions, never fewer (Bình Phước)."""
    assert sampling.quota_percent(transactions, 10) == required


def test_ca_mau_fixed_counts_total_3030():
    """3 districts × 3 services × 70 + 10 communes × 3 services × 80 = 630 + 2 400 = 3 030."""
    # given
    units = {f"huyen-{i}": 70 for i in range(3)} | {f"xa-{i}": 80 for i in range(10)}
    # when
    quotas = sampling.quota_fixed(units, 3)
    # then
    assert sum(v for k, v in quotas.items() if k.startswith("huyen")) == 630
    assert sum(v for k, v in quotas.items() if k.startswith("xa")) == 2400
    assert sum(quotas.values()) == 3030


def test_dong_nai_allocation_adds_up_to_14500_for_any_dossier_counts():
    """Largest remainder: whole numbers, total exactly 14 500, each within one of its exact share."""
    rng = random.Random(2020)
    for _ in range(300):
        weights = {
            f"dv{i}": rng.choice([0, rng.randint(1, 100), rng.randint(1, 60000)])
            for i in range(rng.randint(1, 40))
        }
        shares = sampling.allocate_proportional(14500, weights)
        assert sum(shares.values()) == 14500
        assert all(isinstance(v, int) and v >= 0 for v in shares.values())
        total = sum(weights.values())
        if total:
            for key, weight in weights.items():
                assert abs(shares[key] - 14500 * weight / total) < 1


def test_dong_nai_allocation_is_proportional_and_stable():
    """Equal dossier counts get equal shares, ties broken in the same order each time."""
    shares = sampling.allocate_proportional(14500, {"a": 1, "b": 1, "c": 1})
    assert sorted(shares.values()) == [4833, 4833, 4834]
    assert shares == sampling.allocate_proportional(14500, {"a": 1, "b": 1, "c": 1})
    assert sampling.allocate_proportional(14500, {"a": 0, "b": 0}) == {"a": 7250, "b": 7250}


@pytest.mark.parametrize(
    ("transactions", "margin", "required"),
    [(1000, 0.05, 286), (100, 0.05, 80), (10000, 0.05, 385), (10000, 0.03, 1000)],
)
def test_sipas_formula(transactions, margin, required):
    """n = N / (1 + N·e²), rounded up; e = 5 % by default."""
    assert sampling.quota_sipas(transactions, margin) == required
    if margin == 0.05:
        assert sampling.quota_sipas(transactions) == required


def test_margin_of_error_95_percent():
    """1.96·√(p(1−p)/n): 50 % on 400 answers is ± 4.9 points; nothing for no answers."""
    assert sampling.margin_of_error(0.5, 400) == pytest.approx(0.049)
    assert sampling.margin_of_error(1.0, 10) == 0
    assert sampling.margin_of_error(0.5, 0) is None
