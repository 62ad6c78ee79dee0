"""The index formula on a small hand-checked data set."""

import pytest

from surveys.index import index_compute
from surveys.models import Answer, Question

from .conftest import at


@pytest.fixture
def data(submit, org):
    """Office A, 2022-Q1: general 1,2,3,2 → 3/4 positive; timeliness 1,3,3,1 → 2/4.

    Office B, 2022-Q1: general 1, no timeliness. Office A, 2022-Q2: general 3.
    """
    for general, timely in [(1, 1), (2, 3), (3, 3), (2, 1)]:
        submit({"1": general, "2": timely})
    submit({"1": 1}, unit=org.office_b)
    submit({"1": "Không hài lòng"}, when=at(2022, 5, 2))


def test_criterion_index_is_share_of_top_two_levels(campaign, data, org):
    """Criterion index = positive / valid answers; overall = mean of the criteria."""
    # when
    result = index_compute(campaign=campaign, period_kind="quarter", by_unit=True)
    # then
    hl, hen = result.criteria
    cells = result.by_criterion["2022-Q1"][org.office_a.pk]
    assert (cells[hl.pk].positive, cells[hl.pk].n, cells[hl.pk].percent) == (3, 4, 75.0)
    assert (cells[hen.pk].positive, cells[hen.pk].n, cells[hen.pk].percent) == (2, 4, 50.0)
    overall = result.overall["2022-Q1"][org.office_a.pk]
    assert overall.percent == pytest.approx(62.5)
    assert overall.n == 4
    assert overall.moe == pytest.approx(100 * 1.96 * (0.625 * 0.375 / 4) ** 0.5)
    assert cells[hl.pk].moe == pytest.approx(42.435, abs=0.01)
    assert result.overall["2022-Q1"][org.office_b.pk].percent == 100.0
    assert result.overall["2022-Q2"][org.office_a.pk].percent == 0.0


def test_all_units_and_general_question(campaign, data):
    """All units, 2022-Q1: general 4/5 = 80 %, timeliness 2/4 = 50 %, overall 65 %."""
    result = index_compute(campaign=campaign, period_kind="quarter", by_unit=False)
    assert result.overall["2022-Q1"][None].percent == pytest.approx(65.0)
    assert result.general["2022-Q1"][None].percent == pytest.approx(80.0)
    assert result.general["2022-Q1"][None].n == 5
    assert result.periods == ["2022-Q1", "2022-Q2"]


def test_year_and_month_periods(campaign, data):
    """The same answers grouped by year and by month from the stored period columns."""
    yearly = index_compute(campaign=campaign, period_kind="year", by_unit=False)
    assert list(yearly.overall) == ["2022"]
    assert yearly.general["2022"][None].percent == pytest.approx(4 / 6 * 100)
    monthly = index_compute(campaign=campaign, period_kind="month", by_unit=False)
    assert sorted(monthly.overall) == ["2022-02", "2022-05"]


def test_positive_levels_is_configurable(campaign, submit):
    """With one positive level only "Rất hài lòng" counts."""
    campaign.positive_levels = 1
    campaign.save(update_fields=["positive_levels"])
    submit({"1": 1})
    submit({"1": 2})
    result = index_compute(campaign=campaign, period_kind="quarter", by_unit=False)
    assert result.general["2022-Q1"][None].percent == 50.0


def test_index_runs_a_bounded_number_of_queries(campaign, data, django_assert_max_num_queries):
    """The criteria list, the criteria GROUP BY, the general question's ids and its GROUP BY."""
    with django_assert_max_num_queries(4):
        index_compute(campaign=campaign, period_kind="quarter", by_unit=True)


def test_answers_store_period_and_outcome(campaign, data):
    """Period columns and positivity are written with the answer (no date truncation at read time)."""
    answer = Answer.objects.filter(question__code="2", level=3).first()
    assert (answer.year, answer.quarter, answer.month, answer.is_positive) == (2022, 1, 2, False)
    assert Question.objects.get(questionnaire=campaign.questionnaire, code="1").is_general
