"""Survey fixtures: a Vinh Mỹ-style campaign (3-level general question + timeliness) over two offices."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from surveys.builtin import questionnaire_install_builtin
from surveys.models import Campaign, Channel
from surveys.services import campaign_create, response_submit

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year, month, day, hour=9):
    return dt.datetime(year, month, day, hour, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def campaign(org, draft_plan) -> Campaign:
    return campaign_create(
        plan=draft_plan,
        questionnaire=questionnaire_install_builtin(code="vinh-my-2021"),
        title="Khảo sát thử 2022",
        frequency="quarterly",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        units=[org.office_a, org.office_b],
        design=Campaign.Design.THRESHOLD,
        services=[("KS", "Cấp Giấy khai sinh")],
        target_percent=80,
    )


@pytest.fixture
def submit(campaign, org):
    """Submit a questionnaire for office A (by default) on a given day."""

    def _submit(answers, *, unit=None, when=None, **extra):
        return response_submit(
            campaign=campaign,
            unit=unit or org.office_a,
            channel=extra.pop("channel", Channel.PAPER),
            answers=answers,
            submitted_at=when or at(2022, 2, 10),
            **extra,
        )

    return _submit
