"""The task table as a spreadsheet (django-import-export): the columns the importer reads back."""

from __future__ import annotations

import tablib
from django.db.models import Prefetch
from import_export import fields, resources

from core.sheets import dataset_xlsx
from plans.models import Plan
from units.selectors import UnitNames

from .models import Task, TaskAssignment

Role = TaskAssignment.Role
COLUMNS = [
    ("order_label", "Stt"),
    ("content", "Nội dung công việc"),
    ("lead", "Đơn vị chủ trì"),
    ("coordinating", "Đơn vị phối hợp"),
    ("responsibility_text", "Trách nhiệm thực hiện"),
    ("deadline_text", "Thời hạn"),
    ("expected_result", "Kết quả"),
]
EXAMPLE_ROWS = [
    ["I", "Tiêu chí Tiếp cận dịch vụ", "", "", "", "", ""],
    [
        "1",
        "Công khai đầy đủ các thủ tục hành chính tại Bộ phận Tiếp nhận và Trả kết quả",
        "Văn phòng HĐND và UBND huyện",
        "Phòng Nội vụ",
        "Văn phòng HĐND và UBND huyện chủ trì, phối hợp Phòng Nội vụ thực hiện",
        "Thường xuyên",
        "Các TTHC được niêm yết đầy đủ",
    ],
    ["2", "Hội nghị tổ chức triển khai", "UBND xã", "", "", "Trước ngày 15/01/2021", "Hội nghị được tổ chức"],
]


class TaskResource(resources.ModelResource):
    order_label = fields.Field(attribute="order_label", column_name="Stt")
    content = fields.Field(attribute="content", column_name="Nội dung công việc")
    lead = fields.Field(column_name="Đơn vị chủ trì")
    coordinating = fields.Field(column_name="Đơn vị phối hợp")
    responsibility_text = fields.Field(attribute="responsibility_text", column_name="Trách nhiệm thực hiện")
    deadline_text = fields.Field(attribute="deadline_text", column_name="Thời hạn")
    expected_result = fields.Field(attribute="expected_result", column_name="Kết quả")

    class Meta:
        model = Task
        fields = [name for name, _ in COLUMNS]
        export_order = fields

    def __init__(self, *, names: UnitNames | None = None, day=None):
        super().__init__()
        self.names, self.day = names, day

    def _units(self, task: Task, role: str) -> str:
        # The names the plan used on its date: old names are aliases of the successors, so the
        # file imports back onto today's units.
        units = [a.unit for a in task.assignments.all() if a.role == role]
        if self.names is None:
            return ", ".join(unit.name for unit in units)
        return ", ".join(self.names.on(unit, self.day) for unit in units)

    def dehydrate_lead(self, task: Task) -> str:
        return self._units(task, Role.LEAD)

    def dehydrate_coordinating(self, task: Task) -> str:
        return self._units(task, Role.COORDINATING)


def plan_tasks_dataset(plan: Plan) -> tablib.Dataset:
    """The plan's table with its section rows, in the document's order."""
    tasks = list(
        plan.tasks.select_related("section")
        .prefetch_related(Prefetch("assignments", queryset=TaskAssignment.objects.select_related("unit")))
        .order_by("section__position", "position", "id")
    )
    names = UnitNames({a.unit for task in tasks for a in task.assignments.all()})
    resource = TaskResource(names=names, day=plan.date)
    dataset = tablib.Dataset(headers=[title for _, title in COLUMNS])
    section = None
    for task in tasks:
        if task.section_id and task.section != section:
            section = task.section
            dataset.append([section.label, section.title, "", "", "", "", ""])
        dataset.append(resource.export_resource(task))
    return dataset


def plan_tasks_xlsx(plan: Plan) -> bytes:
    return dataset_xlsx(plan_tasks_dataset(plan), title="Nhiem vu")


def template_xlsx() -> bytes:
    example = tablib.Dataset(*EXAMPLE_ROWS, headers=[title for _, title in COLUMNS])
    return dataset_xlsx(example, title="Nhiem vu")
