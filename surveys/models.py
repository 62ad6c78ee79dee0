"""Questionnaires, campaigns, responses and alerts.

Answers carry copies of the fields the index groups by (campaign, unit, criterion,
year, quarter, month) and the outcome precomputed on write (``is_positive``,
``is_valid``), so the satisfaction index is one GROUP BY over one table.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from core.dates import date_in_bounds
from core.periods import SURVEY_FREQUENCIES, frequency_choices
from plans.models import Plan, Section
from units.models import Unit


class Questionnaire(models.Model):
    """A versioned questionnaire; a new version is a new row with the same code."""

    code = models.SlugField(_("mã phiếu"), max_length=60)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    title = models.CharField(_("tên phiếu"), max_length=300)
    intro = models.TextField(_("lời mở đầu"), blank=True)
    source = models.CharField(_("nguồn"), max_length=300, blank=True)
    is_builtin = models.BooleanField(_("phiếu dựng sẵn"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("phiếu khảo sát")
        verbose_name_plural = _("phiếu khảo sát")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="questionnaire_code_version_unique")
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"


class Criterion(models.Model):
    """A group of scored questions whose index is reported ("Tiếp cận dịch vụ")."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("phiếu khảo sát")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tên tiêu chí"), max_length=255)
    sections = models.ManyToManyField(
        Section, blank=True, related_name="survey_criteria", verbose_name=_("mục của kế hoạch")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="criterion_code_unique")
        ]

    def __str__(self):
        return self.name


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Thang mức (tốt nhất trước)")  # 3 or 5 ordered labels
        YES_NO = "yes_no", _("Có / Không")
        SINGLE = "single", _("Chọn một")
        MULTIPLE = "multiple", _("Chọn nhiều")
        TEXT = "text", _("Trả lời tự do")

    class Polarity(models.TextChoices):
        YES_GOOD = "yes_good", _("“Có” là tốt")
        YES_BAD = "yes_bad", _("“Có” là không tốt")  # extra fee paid, extra papers asked

    SCORED_KINDS = (Kind.SCALE, Kind.YES_NO)

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions", verbose_name=_("phiếu khảo sát")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("số câu"), max_length=20)
    text = models.TextField(_("nội dung câu hỏi"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    # Scale labels, best first: ["Rất tốt", "Tốt", "Trung bình", "Kém", "Rất kém"].
    labels = models.JSONField(_("các mức trả lời"), default=list, blank=True)
    polarity = models.CharField(
        _("chiều của câu Có/Không"), max_length=10, choices=Polarity.choices, blank=True
    )
    criterion = models.ForeignKey(
        Criterion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("tiêu chí"),
    )
    is_general = models.BooleanField(_("câu hỏi hài lòng chung"), default=False)
    # An answer at this level or worse raises an alert (levels count from 1 = best).
    alert_from_level = models.PositiveSmallIntegerField(_("cảnh báo từ mức"), null=True, blank=True)
    required = models.BooleanField(_("bắt buộc"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        constraints = [models.UniqueConstraint(fields=["questionnaire", "code"], name="question_code_unique")]

    def __str__(self):
        return f"{self.code}. {self.text[:80]}"

    @property
    def is_scored(self) -> bool:
        return self.kind in self.SCORED_KINDS

    @property
    def level_labels(self) -> list[str]:
        """Answer labels by level (1 = best); yes/no questions put the good answer first."""
        if self.kind == self.Kind.YES_NO:
            return ["Không", "Có"] if self.polarity == self.Polarity.YES_BAD else ["Có", "Không"]
        return list(self.labels)


class Choice(models.Model):
    """An option of a single- or multiple-choice question."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("câu hỏi")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã"), max_length=20)
    text = models.CharField(_("lựa chọn"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("lựa chọn")
        verbose_name_plural = _("lựa chọn")

    def __str__(self):
        return self.text


class Channel(models.TextChoices):
    PAPER = "paper", _("Phiếu giấy tại quầy")
    PHONE = "phone", _("Qua điện thoại")
    FACE_TO_FACE = "face_to_face", _("Phỏng vấn trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    ONE_STOP = "one_stop", _("Hệ thống một cửa")
    IMPORT = "import", _("Nhập từ tệp")


class RespondentType(models.TextChoices):
    CITIZEN = "citizen", _("Người dân trực tiếp nộp hồ sơ")
    BUSINESS = "business", _("Đại diện doanh nghiệp")
    AUTHORISED = "authorised", _("Người được ủy quyền")


class Campaign(models.Model):
    class Design(models.TextChoices):
        THRESHOLD = "threshold", _("Bảng ngưỡng theo số giao dịch (Vinh Mỹ)")
        PERCENT = "percent", _("Tỷ lệ phần trăm số giao dịch")
        FIXED = "fixed", _("Số phiếu cố định mỗi đơn vị × dịch vụ")
        PROPORTIONAL = "proportional", _("Tổng số phiếu phân bổ theo số hồ sơ")
        SIPAS = "sipas", _("Công thức SIPAS n = N/(1+N·e²)")

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="survey_campaigns", verbose_name=_("kế hoạch")
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("phiếu khảo sát")
    )
    title = models.CharField(_("tên đợt khảo sát"), max_length=300)
    frequency = models.CharField(
        _("kỳ tổng hợp"), max_length=10, choices=frequency_choices(SURVEY_FREQUENCIES)
    )
    period_start = models.DateField(_("từ ngày"), validators=[date_in_bounds])
    period_end = models.DateField(_("đến ngày"), validators=[date_in_bounds])
    units = models.ManyToManyField(
        Unit, through="CampaignUnit", related_name="survey_campaigns", verbose_name=_("đơn vị")
    )
    methods = models.JSONField(_("hình thức thu thập"), default=list, blank=True)
    design = models.CharField(_("cách tính cỡ mẫu"), max_length=15, choices=Design.choices)
    # percent: {"percent": 10}; sipas: {"margin": 0.05}; proportional: {"total": 14500};
    # threshold: {"table": [[100, 100], [1000, 200], [5000, 500]]} (optional override);
    # fixed: quotas are on CampaignUnit.fixed_quota.
    design_params = models.JSONField(_("tham số cỡ mẫu"), default=dict, blank=True)
    # Index definition: an answer at one of the top N levels counts as positive.
    positive_levels = models.PositiveSmallIntegerField(_("số mức tính là hài lòng"), default=2)
    target_percent = models.DecimalField(_("chỉ tiêu (%)"), max_digits=5, decimal_places=2, default=80)
    target_strict = models.BooleanField(_("chỉ tiêu “trên” (lớn hơn hẳn)"), default=False)
    # Period keys ("2023-Q1") whose results the operator published on the public results page.
    published_periods = models.JSONField(_("kỳ đã công bố kết quả"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start", "id"]
        verbose_name = _("đợt khảo sát")
        verbose_name_plural = _("đợt khảo sát")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="campaign_period_ordered"
            )
        ]

    def __str__(self):
        return self.title

    def target_met(self, percent: float | None) -> bool | None:
        if percent is None:
            return None
        target = float(self.target_percent)
        return percent > target if self.target_strict else percent >= target

    @property
    def target_label(self) -> str:
        return f"{'>' if self.target_strict else '≥'} {self.target_percent.normalize():f} %"


def _new_token() -> str:
    return secrets.token_urlsafe(9)


class CampaignUnit(models.Model):
    """A unit in a campaign's scope, with the secret slug of its public form."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="scope", verbose_name=_("đợt khảo sát")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    public_token = models.CharField(
        max_length=20, unique=True, default=_new_token, editable=False, verbose_name=_("mã công khai")
    )
    fixed_quota = models.PositiveIntegerField(
        _("số phiếu mỗi dịch vụ (cỡ mẫu cố định)"), null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["unit__name"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="campaign_unit_unique")]

    def __str__(self):
        return f"{self.campaign} — {self.unit}"


class Service(models.Model):
    """An administrative procedure (dịch vụ, TTHC) in a campaign's scope."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="services", verbose_name=_("đợt khảo sát")
    )
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("thứ tự"))
    code = models.CharField(_("mã dịch vụ"), max_length=40)
    name = models.CharField(_("tên dịch vụ, thủ tục"), max_length=300)
    units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("đơn vị cung cấp"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("dịch vụ")
        verbose_name_plural = _("dịch vụ")
        constraints = [models.UniqueConstraint(fields=["campaign", "code"], name="service_code_unique")]

    def __str__(self):
        return self.name


class TransactionCount(models.Model):
    """Dossiers handled by a unit (for a service) in a period: the sampling frame."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="transaction_counts", verbose_name=_("đợt khảo sát")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("dịch vụ")
    )
    period = models.CharField(_("kỳ"), max_length=10, help_text=_("2023, 2023-Q1 hoặc 2023-03"))
    count = models.PositiveIntegerField(_("số giao dịch"))

    class Meta:
        ordering = ["period", "unit__name"]
        verbose_name = _("số giao dịch")
        verbose_name_plural = _("số giao dịch")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "service", "period"], name="transaction_count_unique"
            )
        ]

    def __str__(self):
        return f"{self.unit_id} {self.period}: {self.count}"


def period_parts(moment: dt.date | dt.datetime) -> dict[str, int]:
    """The stored period columns for a moment (local date)."""
    return {"year": moment.year, "quarter": (moment.month - 1) // 3 + 1, "month": moment.month}


class Response(models.Model):
    """One filled questionnaire."""

    # Lookups by campaign use the unique (campaign, external id) and the (campaign, unit, …) indexes.
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        related_name="responses",
        db_index=False,
        verbose_name=_("đợt khảo sát"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="survey_responses", verbose_name=_("đơn vị")
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("dịch vụ")
    )
    respondent_type = models.CharField(
        _("đối tượng"), max_length=12, choices=RespondentType.choices, blank=True
    )
    channel = models.CharField(_("hình thức"), max_length=15, choices=Channel.choices)
    submitted_at = models.DateTimeField(_("thời điểm"))
    year = models.PositiveSmallIntegerField(editable=False, verbose_name=_("năm"))
    quarter = models.PositiveSmallIntegerField(editable=False, verbose_name=_("quý"))
    month = models.PositiveSmallIntegerField(editable=False, verbose_name=_("tháng"))
    external_id = models.CharField(_("mã phiếu ở hệ thống nguồn"), max_length=80, null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    has_negative = models.BooleanField(default=False, verbose_name=_("có ý kiến chưa hài lòng"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))

    class Meta:
        ordering = ["-submitted_at", "id"]
        verbose_name = _("phiếu trả lời")
        verbose_name_plural = _("phiếu trả lời")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "external_id"], name="response_external_id_unique")
        ]
        indexes = [models.Index(fields=["campaign", "unit", "year", "quarter"])]

    def __str__(self):
        return f"#{self.pk} {self.unit} {self.submitted_at:%d/%m/%Y}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("phiếu trả lời")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("câu hỏi")
    )
    # Copies for the index's GROUP BY, set on write. The (campaign, year, quarter) index below
    # serves every lookup by campaign: a second index on it only slowed each import's writes.
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="+", db_index=False, verbose_name=_("đợt khảo sát")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    criterion = models.ForeignKey(
        Criterion, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("tiêu chí")
    )
    year = models.PositiveSmallIntegerField(verbose_name=_("năm"))
    quarter = models.PositiveSmallIntegerField(verbose_name=_("quý"))
    month = models.PositiveSmallIntegerField(verbose_name=_("tháng"))
    level = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("mức"))  # 1 = best
    choices = models.JSONField(default=list, blank=True, verbose_name=_("lựa chọn"))  # choice codes
    text = models.TextField(blank=True, verbose_name=_("nội dung"))
    is_valid = models.BooleanField(default=True, verbose_name=_("hợp lệ"))
    is_positive = models.BooleanField(default=False, verbose_name=_("hài lòng"))

    class Meta:
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        indexes = [models.Index(fields=["campaign", "year", "quarter"])]

    def __str__(self):
        return f"{self.question.code}: {self.level or self.text[:40]}"


class RespondentContact(models.Model):
    """Personal details, optional, kept apart; shown only to coordinators."""

    response = models.OneToOneField(
        Response, on_delete=models.CASCADE, related_name="contact", verbose_name=_("phiếu trả lời")
    )
    name = models.CharField(_("tên cá nhân, tổ chức"), max_length=200, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    class Meta:
        verbose_name = _("thông tin người góp ý")
        verbose_name_plural = _("thông tin người góp ý")

    def __str__(self):
        return self.name or f"#{self.response_id}"


class Alert(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Chưa xử lý")  # raised; the unit head and Nội vụ must act
        HANDLED = "handled", _("Đã xử lý")  # someone recorded what was done

    response = models.OneToOneField(
        Response, on_delete=models.CASCADE, related_name="alert", verbose_name=_("phiếu trả lời")
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("đợt khảo sát")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="survey_alerts", verbose_name=_("đơn vị")
    )
    reasons = models.JSONField(_("lý do"), default=list)
    state = FSMField(_("trạng thái"), default=State.OPEN, choices=State.choices, protected=True)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người xử lý"),
    )
    handled_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    note = models.TextField(_("kết quả xử lý"), blank=True)
    version = models.PositiveIntegerField(
        default=1, verbose_name=_("phiên bản")
    )  # optimistic lock: two people handling at once

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("cảnh báo")
        verbose_name_plural = _("cảnh báo")
        indexes = [models.Index(fields=["campaign", "state"])]

    def __str__(self):
        return f"{self.unit}: {'; '.join(self.reasons)}"

    @transition(field=state, source=State.OPEN, target=State.HANDLED)
    def handle(self):
        pass


class IndexTally(models.Model):
    """Valid and positive answers per unit × month × criterion, kept current by the response service.

    ``unit_key`` 0 holds the campaign's totals over all units; ``criterion_key`` 0 the
    general-satisfaction question. Plain integers rather than foreign keys, so that
    "all" has a value the unique key (and ON CONFLICT) can match.
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="+", verbose_name=_("đợt khảo sát")
    )
    unit_key = models.IntegerField(verbose_name=_("khóa đơn vị"))
    year = models.PositiveSmallIntegerField(verbose_name=_("năm"))
    quarter = models.PositiveSmallIntegerField(verbose_name=_("quý"))
    month = models.PositiveSmallIntegerField(verbose_name=_("tháng"))
    criterion_key = models.IntegerField(verbose_name=_("khóa tiêu chí"))
    n = models.IntegerField(default=0, verbose_name=_("số ý kiến"))
    positive = models.IntegerField(default=0, verbose_name=_("số ý kiến hài lòng"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit_key", "year", "quarter", "month", "criterion_key"],
                name="index_tally_key",
            )
        ]
        indexes = [
            models.Index(fields=["campaign", "year", "quarter", "unit_key"], name="index_tally_period")
        ]

    def __str__(self):
        return f"{self.campaign_id}/{self.unit_key}/{self.year}-{self.month:02d}/{self.criterion_key}"


class ResponseTally(models.Model):
    """Questionnaires per unit × service × month (``unit_key`` 0: the campaign's total, services summed)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="+", verbose_name=_("đợt khảo sát")
    )
    unit_key = models.IntegerField(verbose_name=_("khóa đơn vị"))
    service_key = models.IntegerField(verbose_name=_("khóa dịch vụ"))  # 0: no service
    year = models.PositiveSmallIntegerField(verbose_name=_("năm"))
    month = models.PositiveSmallIntegerField(verbose_name=_("tháng"))
    n = models.IntegerField(default=0, verbose_name=_("số ý kiến"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit_key", "service_key", "year", "month"], name="response_tally_key"
            )
        ]

    def __str__(self):
        return f"{self.campaign_id}/{self.unit_key}/{self.service_key}/{self.year}-{self.month:02d}"
