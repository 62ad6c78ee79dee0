import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from core.dates import date_in_bounds
from core.models import GuardedStates
from core.periods import Frequency
from plans.models import Plan, Section, TransitionLog, plan_text_at
from units.models import Unit

from .deadlines import DeadlinePart, Kind


class Task(models.Model):
    """One row of a plan's task table, as the plan wrote it."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("kế hoạch"))
    section = models.ForeignKey(
        Section,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("mục"),
    )
    position = models.PositiveIntegerField(_("vị trí trong bảng"), default=0)
    order_label = models.CharField(_("Stt"), max_length=20, blank=True)
    content = models.TextField(_("nội dung công việc"))
    expected_result = models.TextField(_("kết quả / sản phẩm"), blank=True)
    responsibility_text = models.TextField(_("trách nhiệm thực hiện (nguyên văn)"), blank=True)
    deadline_text = models.CharField(_("thời hạn (nguyên văn)"), max_length=500, blank=True)
    requires_evidence = models.BooleanField(_("phải có tài liệu kèm theo"), default=False)
    evidence_note = models.CharField(
        _("tài liệu cần có"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Báo cáo có chữ ký, đóng dấu; danh sách người tham dự."),
    )
    units = models.ManyToManyField(
        Unit, through="TaskAssignment", related_name="tasks", verbose_name=_("đơn vị")
    )
    # Removed from an issued plan by an amendment: kept, with its obligations waived, never deleted.
    withdrawn = models.BooleanField(_("đã bỏ khỏi kế hoạch (điều chỉnh)"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_id", "position", "id"]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")

    def __str__(self):
        label = f"{self.section.label}.{self.order_label}" if self.section_id else self.order_label
        return f"{label}. {self.content[:80]}"

    @property
    def full_label(self) -> str:
        return f"{self.section.label}.{self.order_label}" if self.section_id else self.order_label

    def deadline_parts(self) -> list[DeadlinePart]:
        return [rule.to_part() for rule in self.deadline_rules.all()]


class TaskAssignment(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        COORDINATING = "coordinating", _("Phối hợp")

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("nhiệm vụ")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("đơn vị")
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("thứ tự"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("đơn vị thực hiện")
        verbose_name_plural = _("đơn vị thực hiện")
        constraints = [
            models.UniqueConstraint(fields=["task", "unit", "role"], name="assignment_unique"),
        ]

    def __str__(self):
        return f"{self.unit} ({self.get_role_display()})"


class TaskDeadline(models.Model):
    """One part of a task's structured deadline (see tasks.deadlines)."""

    KIND_CHOICES = [
        (Kind.DATE.value, _("Ngày cụ thể")),
        (Kind.MONTH.value, _("Trong tháng")),
        (Kind.MONTHS.value, _("Các tháng")),
        (Kind.QUARTER.value, _("Quý")),
        (Kind.HALF.value, _("Nửa năm")),
        (Kind.YEAR.value, _("Trong năm")),
        (Kind.RECURRING.value, _("Định kỳ / thường xuyên")),
        (Kind.WORKING_DAYS.value, _("Trong … ngày làm việc")),
        (Kind.DAYS.value, _("Trong … ngày")),
        (Kind.UNPARSED.value, _("Chưa xác định")),
    ]

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="deadline_rules", verbose_name=_("nhiệm vụ")
    )
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("thứ tự"))
    kind = models.CharField(_("loại thời hạn"), max_length=20, choices=KIND_CHOICES)
    date = models.DateField(_("ngày"), null=True, blank=True, validators=[date_in_bounds])
    before = models.BooleanField(_("“trước ngày”"), default=False)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(
        _("tháng"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    months = models.CharField(_("các tháng"), max_length=40, blank=True, help_text=_("Ví dụ: 8,9,10"))
    quarters = models.CharField(_("các quý"), max_length=10, blank=True, help_text=_("Ví dụ: 2,3"))
    half = models.PositiveSmallIntegerField(
        _("nửa năm"), null=True, blank=True, choices=[(1, _("6 tháng đầu năm")), (2, _("6 tháng cuối năm"))]
    )
    frequency = models.CharField(_("tần suất"), max_length=20, blank=True, choices=Frequency.choices)
    day = models.PositiveSmallIntegerField(
        _("vào ngày"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    month_of_year = models.PositiveSmallIntegerField(
        _("của tháng (hàng năm)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    days = models.PositiveSmallIntegerField(
        _("số ngày"),
        null=True,
        blank=True,
        help_text=_("Với «trong … ngày (làm việc)»: tính từ ngày bắt đầu kế hoạch."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("thời hạn")
        verbose_name_plural = _("thời hạn")

    def __str__(self):
        return self.get_kind_display()

    def to_part(self) -> DeadlinePart:
        return DeadlinePart(
            kind=Kind(self.kind),
            date=self.date,
            before=self.before,
            year=self.year,
            month=self.month,
            months=_int_tuple(self.months),
            quarters=_int_tuple(self.quarters),
            half=self.half,
            frequency=Frequency(self.frequency) if self.frequency else None,
            day=self.day,
            month_of_year=self.month_of_year,
            days=self.days,
        )

    @classmethod
    def from_part(cls, part: DeadlinePart, **fields) -> "TaskDeadline":
        return cls(
            kind=part.kind.value,
            date=part.date,
            before=part.before,
            year=part.year,
            month=part.month,
            months=",".join(map(str, part.months)),
            quarters=",".join(map(str, part.quarters)),
            half=part.half,
            frequency=part.frequency.value if part.frequency else "",
            day=part.day,
            month_of_year=part.month_of_year,
            days=part.days,
            **fields,
        )


def _int_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(item) for item in text.replace(" ", "").split(",") if item)


class DeliverableQuerySet(models.QuerySet):
    def open(self):
        """Return deliverables the unit still has to act on."""
        return self.filter(state__in=Deliverable.OPEN_STATES)

    def overdue(self, today: dt.date):
        """Return open deliverables whose due date has passed."""
        return self.open().filter(due_date__lt=today)

    def due_within(self, today: dt.date, days: int):
        """Return open deliverables due from today up to ``days`` days ahead."""
        return self.open().filter(due_date__gte=today, due_date__lte=today + dt.timedelta(days=days))

    def awaiting_review(self):
        """Return deliverables sent to Nội vụ and not yet accepted or returned."""
        return self.filter(state=Deliverable.State.SUBMITTED)

    def for_rows(self):
        """With what a list row shows of each obligation: its task, section, plan and units, not
        the plan's document text."""
        return self.select_related("task__plan", "task__section", "unit", "original_unit").defer(
            *plan_text_at("task__plan")
        )


class Deliverable(GuardedStates, models.Model):
    """What one lead unit owes for one due date of one task: the unit of tracking."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chưa gửi")  # owed, nothing sent yet
        AWAITING_APPROVAL = "awaiting_approval", _("Chờ lãnh đạo đơn vị duyệt")
        SUBMITTED = "submitted", _("Đã gửi, chờ Nội vụ xem xét")
        RETURNED = "returned", _("Bị trả lại")  # must be corrected and sent again
        ACCEPTED = "accepted", _("Đã hoàn thành")  # accepted by Nội vụ
        WAIVED = "waived", _("Không phải thực hiện")  # waived by Nội vụ with a reason

    class Timeliness(models.TextChoices):
        EARLY = "early", _("Trước hạn")
        ON_TIME = "on_time", _("Đúng hạn")
        LATE = "late", _("Quá hạn")

    OPEN_STATES = (State.PENDING, State.AWAITING_APPROVAL, State.RETURNED)
    WAIVABLE_STATES = OPEN_STATES
    REPORTABLE_STATES = (State.PENDING, State.RETURNED)

    task = models.ForeignKey(
        Task, on_delete=models.PROTECT, related_name="deliverables", verbose_name=_("nhiệm vụ")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="deliverables", verbose_name=_("đơn vị")
    )
    # The unit the plan named, when a reorganisation passed the obligation to a successor.
    original_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị ban đầu"),
    )
    due_date = models.DateField(_("hạn đang áp dụng"), validators=[date_in_bounds])
    original_due_date = models.DateField(_("hạn ban đầu"))
    period_label = models.CharField(_("kỳ"), max_length=40, blank=True)
    state = FSMField(_("trạng thái"), default=State.PENDING, choices=State.choices, protected=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    timeliness = models.CharField(_("tiến độ"), max_length=10, choices=Timeliness.choices, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "task__position", "id"]
        verbose_name = _("nghĩa vụ báo cáo")
        verbose_name_plural = _("nghĩa vụ báo cáo")
        constraints = [
            # Two predecessors merged into one may each owe the same task and date.
            models.UniqueConstraint(
                "task",
                "unit",
                "original_due_date",
                Coalesce("original_unit", "unit"),
                name="deliverable_unique_due",
            ),
            models.CheckConstraint(
                condition=Q(due_date__gte=models.F("original_due_date")),
                name="deliverable_extension_only_later",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "state", "due_date"]),
            # Overdue lists and reminders walk obligations by due date and stop at a page. Not
            # partial: a condition on the state is not used when the state is a query parameter.
            models.Index(fields=["due_date", "id"], name="deliverable_due"),
            # The review queue, oldest first. No index leads with the state: the planner would pick
            # it and sort a quarter of the table instead of walking the dates to a page.
            models.Index(fields=["submitted_at", "id"], name="deliverable_submitted"),
            # A unit's latest sent reports (its inbox): walking every report's date for one unit's
            # thirty passed 78 000 other units' reports once five provinces shared the database.
            models.Index(fields=["unit", "submitted_at", "id"], name="deliverable_unit_submitted"),
            # Only the reports waiting for review: walking every sent report's date (75 000 in a
            # province, most of them accepted) to find the first 50 waiting ones was most of the
            # queue's time on SQLite. The queue always asks for this one state.
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(state="submitted"),
                name="deliverable_review_queue",
            ),
            # A unit's open work by due date (its inbox, the first 50): walking every obligation's
            # due date skipped 8 700 other units' rows for a department's page, five times as many
            # once five provinces share the database. The states are OPEN_STATES, in their order.
            models.Index(
                fields=["unit", "due_date", "id"],
                condition=Q(state__in=["pending", "awaiting_approval", "returned"]),
                name="deliverable_unit_open",
            ),
        ]

    def __str__(self):
        return f"{self.task.full_label} — {self.unit} — {self.due_date:%d/%m/%Y}"

    @property
    def unit_label(self) -> str:
        """The unit as the plan named it and, after a reorganisation, who answers now.

        Pages and exports set ``named_unit`` (``tasks.selectors.deliverables_named``) to the
        name the unit had on the record's date, read for all their rows at once.
        """
        named = self.__dict__.get("named_unit")
        if named:
            return named
        if self.original_unit_id and self.original_unit_id != self.unit_id:
            return f"{self.original_unit}, nay là {self.unit}"
        return str(self.unit)

    def is_overdue(self, today: dt.date) -> bool:
        return self.state in self.OPEN_STATES and self.due_date < today

    def days_late(self, today: dt.date) -> int:
        return self.days_late_of(self.state, self.due_date, today)

    @classmethod
    def days_late_of(cls, state: str, due_date: dt.date, today: dt.date) -> int:
        """``days_late`` from plain values (a row read with ``values_list``)."""
        return (today - due_date).days if state in cls.OPEN_STATES and due_date < today else 0

    @property
    def is_extended(self) -> bool:
        return self.due_date != self.original_due_date

    # Transitions: call them only through tasks.services, which checks who acts and logs.
    @transition(field=state, source=REPORTABLE_STATES, target=State.SUBMITTED)
    def submit(self):
        pass

    @transition(field=state, source=REPORTABLE_STATES, target=State.AWAITING_APPROVAL)
    def submit_for_approval(self):
        pass

    @transition(field=state, source=State.AWAITING_APPROVAL, target=State.SUBMITTED)
    def approve(self):
        pass

    @transition(field=state, source=State.AWAITING_APPROVAL, target=State.RETURNED)
    def send_back(self):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.ACCEPTED)
    def accept(self):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.RETURNED)
    def return_to_unit(self):
        pass

    @transition(field=state, source=WAIVABLE_STATES, target=State.WAIVED)
    def waive(self):
        pass

    # A cancelled plan owes nothing: even a report awaiting review is closed (it stays in history).
    @transition(field=state, source=(*OPEN_STATES, State.SUBMITTED), target=State.WAIVED)
    def waive_with_plan(self):
        pass


class DeliverableTransition(TransitionLog):
    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.PROTECT, related_name="transitions", verbose_name=_("nghĩa vụ")
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("lịch sử nghĩa vụ")
        verbose_name_plural = _("lịch sử nghĩa vụ")


class Report(models.Model):
    """A progress update, or the report sent with a submission. Never edited."""

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.PROTECT, related_name="reports", verbose_name=_("nghĩa vụ")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người viết")
    )
    text = models.TextField(_("nội dung báo cáo"))
    percent_done = models.PositiveSmallIntegerField(
        _("tỷ lệ hoàn thành (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    is_submission = models.BooleanField(_("gửi kèm báo cáo"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")

    def __str__(self):
        return f"{self.deliverable} — {self.created_at:%d/%m/%Y}"


class Contribution(models.Model):
    """A coordinating unit's dated input to the lead unit's deliverable."""

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("nghĩa vụ")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("đơn vị")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người viết")
    )
    text = models.TextField(_("nội dung phối hợp"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ý kiến phối hợp")
        verbose_name_plural = _("ý kiến phối hợp")

    def __str__(self):
        return f"{self.unit} — {self.created_at:%d/%m/%Y}"


def evidence_path(instance, filename):
    return f"evidence/{instance.deliverable_id}/{instance.sha256[:16]}-{filename[-80:]}"


class Evidence(models.Model):
    """A file attached to a report or a contribution; served only through an access check."""

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("nghĩa vụ")
    )
    report = models.ForeignKey(
        Report,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="files",
        verbose_name=_("báo cáo"),
    )
    contribution = models.ForeignKey(
        Contribution,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="files",
        verbose_name=_("ý kiến phối hợp"),
    )
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    content_type = models.CharField(max_length=120, verbose_name=_("kiểu tệp"))
    sha256 = models.CharField(max_length=64, verbose_name=_("mã băm SHA-256"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tải lên")
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tải lên lúc"))

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("tài liệu kèm theo")
        verbose_name_plural = _("tài liệu kèm theo")

    def __str__(self):
        return self.original_name


class ExtensionRequest(GuardedStates, models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Chờ xem xét")
        APPROVED = "approved", _("Đã đồng ý")
        REFUSED = "refused", _("Không đồng ý")

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.PROTECT, related_name="extension_requests", verbose_name=_("nghĩa vụ")
    )
    # The obligation's plan, copied (an obligation never changes plan): the queue of a province's
    # Nội vụ reads its plans' requests from an index, not every province's through two joins.
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="+", editable=False, verbose_name=_("kế hoạch")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người đề nghị")
    )
    requested_at = models.DateTimeField(auto_now_add=True, verbose_name=_("đề nghị lúc"))
    current_due_date = models.DateField(_("hạn khi đề nghị"))
    requested_due_date = models.DateField(_("đề nghị gia hạn đến"), validators=[date_in_bounds])
    reason = models.TextField(_("lý do"))
    state = FSMField(_("trạng thái"), default=State.PENDING, choices=State.choices, protected=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người quyết định"),
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("quyết định lúc"))
    decision_comment = models.TextField(_("ý kiến"), blank=True)
    # Nội vụ may grant another date than the one asked (with a reason); empty until approved.
    approved_due_date = models.DateField(
        _("đồng ý gia hạn đến"), null=True, blank=True, validators=[date_in_bounds]
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")
        constraints = [
            models.UniqueConstraint(
                fields=["deliverable"],
                condition=Q(state="pending"),
                name="one_pending_extension_per_deliverable",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "requested_at"], name="extension_queue"),
            models.Index(fields=["state", "plan", "requested_at"], name="extension_queue_by_plan"),
        ]

    def __str__(self):
        return f"{self.deliverable} → {self.requested_due_date:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        if self.plan_id is None and self.deliverable_id is not None:
            plans = Deliverable.objects.values_list("task__plan_id", flat=True)
            self.plan_id = plans.get(pk=self.deliverable_id)
        super().save(*args, **kwargs)

    @transition(field=state, source=State.PENDING, target=State.APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=State.PENDING, target=State.REFUSED)
    def refuse(self):
        pass


class TallyCounts(models.Model):
    """The counts every summary of obligations holds, by state and by due date."""

    pending = models.PositiveIntegerField(default=0, verbose_name=_("chưa gửi"))
    due_soon = models.PositiveIntegerField(default=0, verbose_name=_("sắp đến hạn"))
    overdue = models.PositiveIntegerField(default=0, verbose_name=_("quá hạn"))
    submitted = models.PositiveIntegerField(default=0, verbose_name=_("đã gửi"))
    accepted = models.PositiveIntegerField(default=0, verbose_name=_("đã hoàn thành"))
    returned = models.PositiveIntegerField(default=0, verbose_name=_("bị trả lại"))
    waived = models.PositiveIntegerField(default=0, verbose_name=_("được miễn"))
    total = models.PositiveIntegerField(default=0, verbose_name=_("tổng số"))
    as_of = models.DateField(verbose_name=_("tính đến ngày"))

    class Meta:
        abstract = True


class DeliverableTally(TallyCounts):
    """One plan's obligations of one unit due in one year, counted as of a day: what dashboards read.

    Kept current by ``tasks.services.summaries``: every writer of deliverables refreshes the
    pairs it touched, and the whole table is recounted when the day changes (overdue and
    "due soon" move with the date).
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+", verbose_name=_("kế hoạch"))
    # The plan's issuer, copied so scoping by the issuer's tree needs no join.
    issuer = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan ban hành")
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị"))
    # The year of the due dates counted: the year at a glance filters by it without a scan.
    year = models.PositiveSmallIntegerField(default=0, verbose_name=_("năm"))
    # Sent at least once (on time or late is known), sent by the due date, sent after it.
    reported = models.PositiveIntegerField(default=0, verbose_name=_("đã gửi báo cáo"))
    in_time = models.PositiveIntegerField(default=0, verbose_name=_("gửi đúng hạn"))
    late = models.PositiveIntegerField(default=0, verbose_name=_("gửi trễ"))
    refreshed_at = models.DateTimeField(verbose_name=_("cập nhật lúc"))

    class Meta:
        verbose_name = _("số liệu tổng hợp nghĩa vụ")
        verbose_name_plural = _("số liệu tổng hợp nghĩa vụ")
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit", "year"], name="tally_one_per_plan_unit_year")
        ]
        indexes = [
            models.Index(fields=["issuer", "plan"], name="tally_issuer"),
            models.Index(fields=["issuer", "unit"], name="tally_issuer_unit"),
            models.Index(fields=["issuer", "year"], name="tally_issuer_year"),
            models.Index(fields=["as_of"], name="tally_as_of"),
        ]

    def __str__(self):
        return f"{self.plan_id} × {self.unit_id} ({self.year}): {self.total}"


class PlanTally(TallyCounts):
    """One plan's obligations, every unit and year summed: the dashboards' plan table and totals.

    Summed from ``DeliverableTally`` by ``tasks.services.summaries`` whenever it changes, so a
    national dashboard reads a row per plan instead of grouping every province's summaries.
    """

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="+", verbose_name=_("kế hoạch"))
    issuer = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan ban hành")
    )

    class Meta:
        verbose_name = _("số liệu tổng hợp theo kế hoạch")
        verbose_name_plural = _("số liệu tổng hợp theo kế hoạch")

    def __str__(self):
        return f"{self.plan_id}: {self.total}"


class IssuerUnitTally(TallyCounts):
    """One unit's obligations in every plan of one issuer, summed: the dashboards' unit table."""

    issuer = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan ban hành")
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị"))

    class Meta:
        verbose_name = _("số liệu tổng hợp theo đơn vị")
        verbose_name_plural = _("số liệu tổng hợp theo đơn vị")
        constraints = [models.UniqueConstraint(fields=["issuer", "unit"], name="unit_tally_one_per_issuer")]

    def __str__(self):
        return f"{self.issuer_id} → {self.unit_id}: {self.total}"


class DeliverableMonth(models.Model):
    """One plan's due dates in one month and state, with how many are overdue as of a day."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+", verbose_name=_("kế hoạch"))
    issuer = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan ban hành")
    )
    month = models.DateField(help_text=_("Ngày đầu tháng."), verbose_name=_("tháng"))
    state = models.CharField(max_length=20, choices=Deliverable.State.choices, verbose_name=_("trạng thái"))
    count = models.PositiveIntegerField(default=0, verbose_name=_("số lượng"))
    overdue = models.PositiveIntegerField(default=0, verbose_name=_("quá hạn"))
    as_of = models.DateField(verbose_name=_("tính đến ngày"))

    class Meta:
        verbose_name = _("mốc thời hạn theo tháng")
        verbose_name_plural = _("mốc thời hạn theo tháng")
        constraints = [
            models.UniqueConstraint(fields=["plan", "month", "state"], name="month_one_per_plan_state"),
        ]
        indexes = [models.Index(fields=["issuer", "month"], name="month_issuer")]

    def __str__(self):
        return f"{self.plan_id} {self.month:%m/%Y} {self.state}: {self.count}"


def import_path(instance, filename):
    return f"imports/{instance.sha256[:16]}/{filename[-100:]}"


class PlanImport(models.Model):
    """An uploaded plan file waiting for its preview to be confirmed; kept as the plan's source."""

    class State(models.TextChoices):
        PREVIEWED = "previewed", _("Chờ xác nhận")
        CONFIRMED = "confirmed", _("Đã tạo kế hoạch")
        DISCARDED = "discarded", _("Đã bỏ")

    issuer = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan ban hành")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tải lên")
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tải lên lúc"))
    file = models.FileField(upload_to=import_path, max_length=255, verbose_name=_("tệp"))
    original_name = models.CharField(max_length=255, verbose_name=_("tên tệp gốc"))
    sha256 = models.CharField(max_length=64, verbose_name=_("mã băm SHA-256"))
    year = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("năm"))
    state = FSMField(
        default=State.PREVIEWED, choices=State.choices, protected=True, verbose_name=_("trạng thái")
    )
    plan = models.OneToOneField(
        Plan,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="source_import",
        verbose_name=_("kế hoạch"),
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("quyết định lúc"))
    # What the file was read as (tasks.importing.ImportPreview): confirming creates the plan from it.
    preview = models.JSONField(default=dict, blank=True, verbose_name=_("bản xem trước"))

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("tệp kế hoạch đã tải lên")
        verbose_name_plural = _("tệp kế hoạch đã tải lên")

    def __str__(self):
        return self.original_name

    @transition(field=state, source=State.PREVIEWED, target=State.CONFIRMED)
    def confirm(self):
        pass

    @transition(field=state, source=State.PREVIEWED, target=State.DISCARDED)
    def discard(self):
        pass


class ReminderPolicy(models.Model):
    """When a plan's units are reminded and when lateness climbs to Nội vụ and the leaders."""

    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, related_name="reminder_policy", verbose_name=_("kế hoạch")
    )
    days_before = models.CharField(
        _("nhắc trước hạn (ngày)"),
        max_length=40,
        default="7,1",
        help_text=_("Các số ngày, cách nhau dấu phẩy."),
    )
    on_due_day = models.BooleanField(_("nhắc vào ngày đến hạn"), default=True)
    overdue_every_days = models.PositiveSmallIntegerField(_("khi quá hạn, nhắc mỗi … ngày"), default=3)
    escalate_after_days = models.PositiveSmallIntegerField(
        _("quá hạn … ngày thì báo Nội vụ và soạn công văn đôn đốc"), default=7
    )
    flag_leaders_after_days = models.PositiveSmallIntegerField(
        _("quá hạn … ngày thì đưa lên bảng của lãnh đạo"), default=15
    )

    class Meta:
        verbose_name = _("quy tắc nhắc việc")
        verbose_name_plural = _("quy tắc nhắc việc")
        constraints = [
            models.CheckConstraint(
                condition=Q(overdue_every_days__gte=1), name="reminder_overdue_every_positive"
            ),
        ]

    def __str__(self):
        return f"{self.plan}"

    @property
    def days_before_list(self) -> list[int]:
        return sorted(
            {int(x) for x in self.days_before.replace(" ", "").split(",") if x.isdigit()}, reverse=True
        )


class ReminderLog(models.Model):
    """One reminder step taken for one deliverable: the record that makes sending idempotent."""

    class Step(models.TextChoices):
        BEFORE = "before", _("Nhắc trước hạn")
        DUE_DAY = "due_day", _("Nhắc ngày đến hạn")
        OVERDUE = "overdue", _("Nhắc quá hạn")
        ESCALATED = "escalated", _("Báo Nội vụ, soạn công văn đôn đốc")
        LEADERS = "leaders", _("Đưa lên bảng của lãnh đạo")

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("nghĩa vụ")
    )
    step = models.CharField(max_length=20, choices=Step.choices, verbose_name=_("bước nhắc"))
    days = models.IntegerField(
        help_text=_("Số ngày trước hạn (dương) hoặc quá hạn (âm)."), verbose_name=_("số ngày")
    )
    sent_on = models.DateField(verbose_name=_("ngày gửi"))
    due_date = models.DateField(
        help_text=_("Hạn đang áp dụng khi nhắc (gia hạn thì nhắc lại theo hạn mới)."), verbose_name=_("hạn")
    )

    class Meta:
        ordering = ["sent_on", "id"]
        verbose_name = _("lần nhắc việc")
        verbose_name_plural = _("nhật ký nhắc việc")
        constraints = [
            models.UniqueConstraint(fields=["deliverable", "step", "days", "due_date"], name="reminder_once"),
        ]
        indexes = [models.Index(fields=["sent_on", "step"], name="reminder_log_day")]

    def __str__(self):
        return f"{self.deliverable} — {self.get_step_display()} ({self.sent_on:%d/%m/%Y})"
