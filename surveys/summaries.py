# ruff: noqa: S608 — SQL built from our own table and column names; values are parameters
"""Summaries the index, the quotas and the lists read instead of scanning every answer.

The response service adds each batch's counts in the same transaction as the batch
(``summaries_add``), so a page reading them is exact as of the moment it is drawn.
``summaries_rebuild`` recounts a campaign from its answers, for data loaded around the
service (the province generator's bulk inserts) or to check the running counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction

from .bulk import executemany_pipelined
from .models import Campaign, IndexTally, Question, ResponseTally

ALL = 0  # unit_key of the campaign's totals; criterion_key of the general question


def _upsert(model, keys: tuple[str, ...], counts: dict[tuple, tuple[int, ...]], values: tuple[str, ...]):
    """Add ``counts`` to the rows with those keys, creating the missing ones (one statement per batch)."""
    if not counts:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join((*keys, *values))
    marks = ", ".join(["%s"] * (len(keys) + len(values)))
    adds = ", ".join(f"{v} = {table}.{v} + excluded.{v}" for v in values)
    conflict = f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {adds}"
    # Sorted, so that two writers touching the same rows lock them in the same order.
    rows = [(*key, *count) for key, count in sorted(counts.items())]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks}){conflict}", rows)
        else:
            executemany_pipelined(f"INSERT INTO {table} ({columns}) VALUES ({marks}){conflict}", rows)


class SummaryCounts:
    """Counts of stored responses not yet added to the summary tables.

    A batch adds its counts at once (``summaries_add``). A file import keeps them to its end and
    writes each summary row once: per chunk, the same few thousand rows were upserted again and
    again, a seventh of a 100 000-row import on PostgreSQL.
    """

    def __init__(self, campaign: Campaign):
        self.campaign_id = campaign.pk
        self.general = set(
            Question.objects.filter(questionnaire_id=campaign.questionnaire_id, is_general=True).values_list(
                "id", flat=True
            )
        )
        self.index: Counter = Counter()
        self.positive: Counter = Counter()
        self.tally: Counter = Counter()

    def add(self, responses: list, answers_of: Iterable[list]) -> None:
        """Count responses (with their answers, in the same order)."""
        cid, general, index, positive, tally = (
            self.campaign_id,
            self.general,
            self.index,
            self.positive,
            self.tally,
        )
        for response, answers in zip(responses, answers_of, strict=True):
            year, quarter, month = response.year, response.quarter, response.month
            for unit in (response.unit_id, ALL):
                tally[(cid, unit, (response.service_id or 0) if unit else 0, year, month)] += 1
            for answer in answers:
                if not answer.is_valid:
                    continue
                targets = []
                if answer.criterion_id is not None:
                    targets.append(answer.criterion_id)
                if answer.question_id in general:
                    targets.append(ALL)
                for criterion in targets:
                    for unit in (response.unit_id, ALL):
                        key = (cid, unit, year, quarter, month, criterion)
                        index[key] += 1
                        positive[key] += answer.is_positive

    def write(self) -> None:
        """Add the counts to the summary tables, in the caller's transaction, and start again."""
        _upsert(
            IndexTally,
            ("campaign_id", "unit_key", "year", "quarter", "month", "criterion_key"),
            {key: (n, self.positive[key]) for key, n in self.index.items()},
            ("n", "positive"),
        )
        _upsert(
            ResponseTally,
            ("campaign_id", "unit_key", "service_key", "year", "month"),
            {key: (n,) for key, n in self.tally.items()},
            ("n",),
        )
        self.index.clear()
        self.positive.clear()
        self.tally.clear()


def summaries_add(*, campaign: Campaign, responses: list, answers_of: Iterable[list]) -> None:
    """Add the counts of newly stored responses (with their answers, in the same order)."""
    counts = SummaryCounts(campaign)
    counts.add(responses, answers_of)
    counts.write()


def summaries_rebuild(campaign: Campaign) -> None:
    """Recount a campaign's summaries from its responses and answers (a few INSERT … SELECT)."""
    general = list(
        Question.objects.filter(questionnaire_id=campaign.questionnaire_id, is_general=True).values_list(
            "id", flat=True
        )
    )
    rebuild_sql(campaign.pk, general, connection)


def rebuild_sql(campaign_id: int, general: list[int], connection) -> None:
    """The rebuild's statements, by table name only (the migration that adds the summaries runs it too)."""
    q = connection.ops.quote_name
    index_t, tally_t = q("surveys_indextally"), q("surveys_responsetally")
    answer_t, response_t = q("surveys_answer"), q("surveys_response")
    positive = "SUM(CASE WHEN is_positive THEN 1 ELSE 0 END)"
    index_cols = "(campaign_id, unit_key, year, quarter, month, criterion_key, n, positive)"
    general_in = ", ".join(str(int(i)) for i in general) or "NULL"
    statements = [
        f"DELETE FROM {index_t} WHERE campaign_id = %s",
        f"DELETE FROM {tally_t} WHERE campaign_id = %s",
    ]
    for unit in ("unit_id", "0"):
        group_unit = ", unit_id" if unit == "unit_id" else ""
        statements += [
            f"INSERT INTO {index_t} {index_cols} SELECT campaign_id, {unit}, year, quarter, month, "
            f"criterion_id, COUNT(*), {positive} FROM {answer_t} WHERE campaign_id = %s AND is_valid "
            f"AND criterion_id IS NOT NULL "
            f"GROUP BY campaign_id{group_unit}, year, quarter, month, criterion_id",
            f"INSERT INTO {index_t} {index_cols} SELECT campaign_id, {unit}, year, quarter, month, 0, "
            f"COUNT(*), {positive} FROM {answer_t} WHERE campaign_id = %s AND is_valid "
            f"AND question_id IN ({general_in}) GROUP BY campaign_id{group_unit}, year, quarter, month",
        ]
    statements += [
        f"INSERT INTO {tally_t} (campaign_id, unit_key, service_key, year, month, n) "
        f"SELECT campaign_id, unit_id, COALESCE(service_id, 0), year, month, COUNT(*) FROM {response_t} "
        f"WHERE campaign_id = %s GROUP BY campaign_id, unit_id, COALESCE(service_id, 0), year, month",
        f"INSERT INTO {tally_t} (campaign_id, unit_key, service_key, year, month, n) "
        f"SELECT campaign_id, 0, 0, year, month, COUNT(*) FROM {response_t} "
        f"WHERE campaign_id = %s GROUP BY campaign_id, year, month",
    ]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, [campaign_id])
