import datetime as dt

import factory
from django.contrib.auth import get_user_model

from core.periods import Frequency
from plans.models import Plan, Section
from tasks.deadlines import Kind
from tasks.models import Task, TaskAssignment, TaskDeadline
from units.models import Membership, Unit


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Phòng chuyên môn số {n}")
    short_name = factory.LazyAttribute(lambda o: o.name)
    symbol = "P"
    kind = Unit.Kind.OFFICE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "An"
    last_name = "Nguyễn Văn"
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Membership.Role.OFFICER


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    issuer = factory.SubFactory(UnitFactory, kind=Unit.Kind.DISTRICT, symbol="UBND")
    doc_code = "KH-UBND"
    place = "Cam Lâm"
    year = 2022
    title = factory.Sequence(lambda n: f"Kế hoạch thử số {n}")
    period_start = dt.date(2022, 1, 1)
    period_end = dt.date(2022, 12, 31)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    plan = factory.SubFactory(PlanFactory)
    label = factory.Sequence(lambda n: f"S{n}")
    title = "Tiêu chí Tiếp cận dịch vụ"


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    plan = factory.SubFactory(PlanFactory)
    position = factory.Sequence(int)
    order_label = factory.Sequence(lambda n: str(n + 1))
    content = "Công khai đầy đủ các thủ tục hành chính"
    deadline_text = "Tháng 01/2022"


def add_unit(task, unit, role=TaskAssignment.Role.LEAD):
    return TaskAssignment.objects.create(task=task, unit=unit, role=role)


def add_deadline(task, **fields):
    fields.setdefault("kind", Kind.MONTH.value)
    if fields["kind"] == Kind.MONTH.value:
        fields.setdefault("year", 2022)
        fields.setdefault("month", 1)
    return TaskDeadline.objects.create(task=task, **fields)


def add_recurring(task, frequency=Frequency.ONGOING):
    return TaskDeadline.objects.create(task=task, kind=Kind.RECURRING.value, frequency=frequency.value)


def plan_rows_posted(plan) -> dict:
    """The row formsets of a plan's edit screens as the screen posts them back untouched."""
    from plans.forms import plan_formsets

    data = {}
    for formset in plan_formsets(None, plan=plan, linkable=Plan.objects.none()):
        forms = formset.initial_forms
        data[f"{formset.prefix}-TOTAL_FORMS"] = data[f"{formset.prefix}-INITIAL_FORMS"] = len(forms)
        for form in forms:
            for name in form.fields:
                value = form[name].value()
                if isinstance(value, dt.date):
                    value = value.strftime("%d/%m/%Y")
                if name != "DELETE":
                    data[form.add_prefix(name)] = "" if value is None else value
    return data
