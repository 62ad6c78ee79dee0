from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField
from simple_history.models import HistoricalRecords

from core.dates import basis_date_in_bounds, date_in_bounds
from core.periods import REPORTING_FREQUENCIES, Frequency, frequency_choices
from units.models import Unit


class TransitionLog(models.Model):
    """One state change: who, when, from, to, and why. Never edited, never deleted."""

    name = models.CharField(_("thao tác"), max_length=40)
    source = models.CharField(_("từ trạng thái"), max_length=30)
    target = models.CharField(_("sang trạng thái"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    comment = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.name}: {self.source} → {self.target}"


# The plan's own document text: up to 23 KB a plan (the seeds), which no list shows. A list row
# joins its plan: with these, a department's 130 rows decoded 3 MB of JSON a view.
PLAN_DOCUMENT_FIELDS = ("purposes", "requirements", "intro", "recipients", "text_blocks")


def plan_text_at(path: str) -> list[str]:
    """The document text fields of the plan a list reaches at ``path``, for ``.defer()``."""
    return [f"{path}__{name}" for name in PLAN_DOCUMENT_FIELDS]


class Plan(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")  # being written; tasks editable, nothing owed yet
        ISSUED = "issued", _("Đã ban hành")  # deliverables exist and are tracked
        CLOSED = "closed", _("Đã kết thúc")  # finished; history kept, no more reports
        CANCELLED = "cancelled", _("Đã hủy")  # withdrawn; open obligations waived

    issuer = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="issued_plans", verbose_name=_("cơ quan ban hành")
    )
    number = models.PositiveIntegerField(
        _("số"), null=True, blank=True, help_text=_("Để trống cho đến khi vào sổ văn bản đi.")
    )
    doc_code = models.CharField(
        _("ký hiệu"), max_length=40, default="KH-UBND", help_text=_("Phần sau dấu “/”: KH-UBND, KH-SCT…")
    )
    place = models.CharField(_("địa danh"), max_length=120)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True, validators=[date_in_bounds])
    year = models.PositiveIntegerField(_("năm"))
    title = models.TextField(_("trích yếu"))
    issued_with = models.CharField(
        _("ban hành kèm theo"),
        max_length=500,
        blank=True,
        help_text=_("Ví dụ: Ban hành kèm theo Quyết định số 308/QĐ-UBND ngày 04/3/2015…"),
    )
    purposes = models.TextField(_("mục đích"), blank=True)
    requirements = models.TextField(_("yêu cầu"), blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("thực hiện kế hoạch"),
    )
    period_start = models.DateField(_("thực hiện từ ngày"), validators=[date_in_bounds])
    period_end = models.DateField(_("đến ngày"), validators=[date_in_bounds])
    report_frequency = models.CharField(
        _("kỳ báo cáo nhiệm vụ thường xuyên"),
        max_length=20,
        choices=frequency_choices(REPORTING_FREQUENCIES),
        default=Frequency.QUARTERLY,
    )
    signer_authority = models.CharField(
        _("thẩm quyền ký"),
        max_length=5,
        blank=True,
        choices=[("", "—"), ("TM.", "TM."), ("KT.", "KT."), ("Q.", "Q."), ("TL.", "TL."), ("TUQ.", "TUQ.")],
    )
    signer_on_behalf_of = models.CharField(_("thay mặt / ký thay cho"), max_length=120, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    budget_total_text = models.CharField(
        _("tổng kinh phí bằng chữ (như văn bản)"), max_length=500, blank=True
    )
    # The sentence before part I as signed ("… ban hành Kế hoạch … như sau:"); when it opens with
    # "Căn cứ" it carries the legal bases too and is written in their place. Empty: generated.
    intro = models.TextField(
        _("câu dẫn trước phần I"),
        blank=True,
        help_text=_("Để trống: «<cơ quan> ban hành Kế hoạch <trích yếu> như sau:»."),
    )
    # The free sections after "Mục đích, yêu cầu", as plans.text_blocks keeps them (headings,
    # paragraphs with bold/italic runs, bullets); empty: the plan template writes its generic parts.
    text_blocks = models.JSONField(_("nội dung văn bản"), default=list, blank=True)
    tasks_in_appendix = models.BooleanField(
        _("in bảng nhiệm vụ thành phụ lục"),
        default=True,
        help_text=_("Bỏ chọn khi văn bản viết nhiệm vụ trong lời văn, không kèm bảng."),
    )
    task_appendix_title = models.CharField(
        _("tên phụ lục nhiệm vụ"), max_length=300, blank=True, help_text=_("Để trống: tên mặc định.")
    )
    budget_appendix_title = models.CharField(
        _("tên phụ lục kinh phí"), max_length=300, blank=True, help_text=_("Để trống: tên mặc định.")
    )
    # Changed only by tasks.services.lifecycle, whose TRANSITIONS table is the plan's state machine.
    state = FSMField(_("trạng thái"), default=State.DRAFT, choices=State.choices, protected=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("sửa lúc"))

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-year", "issuer__name", "id"]
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="plan_period_ordered",
            ),
            models.UniqueConstraint(
                fields=["issuer", "year", "doc_code", "number"], name="plan_number_unique_per_year"
            ),
        ]
        permissions = [("manage_plan", _("Quản lý kế hoạch"))]

    def __str__(self):
        return f"{self.symbol or _('Kế hoạch')} — {self.title[:80]}"

    @property
    def symbol(self) -> str:
        """Number and symbol as printed ("09/KH-UBND"), or "" before registration."""
        if self.number is None:
            return ""
        return f"{self.number:02d}/{self.doc_code}"

    @property
    def symbol_or_blank(self) -> str:
        return self.symbol or f"/{self.doc_code}"

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def is_editable(self) -> bool:
        return self.state == self.State.DRAFT


class PlanTransition(TransitionLog):
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="transitions", verbose_name=_("kế hoạch")
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("lịch sử kế hoạch")
        verbose_name_plural = _("lịch sử kế hoạch")


class LegalBasis(models.Model):
    """A "Căn cứ …" reference: another document the plan rests on."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="legal_bases", verbose_name=_("kế hoạch")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    doc_type = models.CharField(_("loại văn bản"), max_length=60, blank=True)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    date = models.DateField(_("ngày"), null=True, blank=True, validators=[basis_date_in_bounds])
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    summary = models.TextField(_("trích yếu"), blank=True)
    text = models.TextField(_("nguyên văn"), blank=True)
    linked_plan = models.ForeignKey(
        Plan,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_by",
        verbose_name=_("kế hoạch được viện dẫn"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")

    def __str__(self):
        return " ".join(part for part in (self.doc_type, self.number) if part) or self.text[:60]


class Target(models.Model):
    """A measurable target of the plan: "mức độ hài lòng trên 83 %"."""

    class Comparison(models.TextChoices):
        GT = "gt", _("trên")
        GTE = "gte", _("từ … trở lên")
        LT = "lt", _("dưới")
        LTE = "lte", _("không quá")
        EQ = "eq", _("bằng")

    SIGNS = {"gt": ">", "gte": "≥", "lt": "<", "lte": "≤", "eq": "="}

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("kế hoạch")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    metric = models.CharField(_("chỉ tiêu"), max_length=255)
    comparison = models.CharField(_("so sánh"), max_length=3, choices=Comparison.choices)
    value = models.DecimalField(_("giá trị"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("đơn vị tính"), max_length=20, blank=True, default="%")
    text = models.CharField(_("nguyên văn"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self):
        return f"{self.metric} {self.SIGNS[self.comparison]} {self.value.normalize():f} {self.unit}".strip()

    def is_met(self, measured: Decimal) -> bool:
        value = self.value
        return {
            "gt": measured > value,
            "gte": measured >= value,
            "lt": measured < value,
            "lte": measured <= value,
            "eq": measured == value,
        }[self.comparison]


class Section(models.Model):
    """A Roman-numbered part of the task table ("I. Tiêu chí Tiếp cận dịch vụ")."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="sections", verbose_name=_("kế hoạch")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    label = models.CharField(_("số mục"), max_length=10)
    title = models.CharField(_("tên mục"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("mục")
        verbose_name_plural = _("mục")
        constraints = [
            models.UniqueConstraint(fields=["plan", "label"], name="section_label_unique_per_plan"),
        ]

    def __str__(self):
        return f"{self.label}. {self.title}"


class BudgetLine(models.Model):
    """A line of the budget appendix; the amount is always unit price × quantity."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("kế hoạch")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    content = models.CharField(_("nội dung chi"), max_length=500)
    unit_price = models.PositiveBigIntegerField(_("đơn giá (đồng)"))
    unit_price_text = models.CharField(_("đơn giá (như văn bản)"), max_length=120, blank=True)
    quantity = models.DecimalField(_("số lượng"), max_digits=14, decimal_places=2)
    quantity_unit = models.CharField(_("đơn vị tính"), max_length=60, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("dòng kinh phí")
        verbose_name_plural = _("kinh phí")

    def __str__(self):
        return self.content

    @property
    def amount(self) -> int:
        return int(self.unit_price * self.quantity)
