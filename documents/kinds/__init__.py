"""One module per document kind, and the registry that finds them.

Each kind module holds what makes that kind: ``context_build`` (the data, from a plan or a survey
campaign and what the clerk typed), ``sample_context`` (data of the right shape, to try an uploaded
template), ``Form`` (the fields of that kind only), ``build`` (its built-in .docx template) and
``BUILTIN_FILE``. Code that works for every kind asks the registry, never an if-chain on the kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from ..models import Kind
from . import decision, dispatch, plan, progress_report, reminder_letter, report, survey_report


@dataclass(frozen=True)
class KindSpec:
    code: str
    module: ModuleType
    source: str  # "plan" or "campaign": what the document is drafted from

    @property
    def label(self) -> str:
        return str(Kind(self.code).label)

    @property
    def builtin_file(self) -> str:
        return self.module.BUILTIN_FILE

    @property
    def form(self):
        return self.module.Form

    def context_build(self, source, **kwargs):
        return self.module.context_build(source, **kwargs)

    def sample_context(self) -> dict:
        return self.module.sample_context()

    def build(self):
        return self.module.build()


REGISTRY: dict[str, KindSpec] = {
    Kind.PLAN: KindSpec(Kind.PLAN, plan, "plan"),
    Kind.DECISION: KindSpec(Kind.DECISION, decision, "plan"),
    Kind.DISPATCH: KindSpec(Kind.DISPATCH, dispatch, "plan"),
    Kind.REPORT: KindSpec(Kind.REPORT, report, "plan"),
    Kind.REMINDER: KindSpec(Kind.REMINDER, reminder_letter, "plan"),
    Kind.SURVEY: KindSpec(Kind.SURVEY, survey_report, "campaign"),
    Kind.PROGRESS: KindSpec(Kind.PROGRESS, progress_report, "plan"),
}
# Kinds drafted from a plan on the plan's "Tạo văn bản" page; a survey report starts from a campaign.
PLAN_KINDS = [spec.code for spec in REGISTRY.values() if spec.source == "plan"]


def kind_spec(code: str) -> KindSpec:
    return REGISTRY[code]


def sample_context(kind: str) -> dict:
    """Data of the right shape for ``kind``, to try an uploaded template before accepting it."""
    return REGISTRY[kind].sample_context()
