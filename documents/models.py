from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from plans.models import Plan, TransitionLog
from units.models import Unit


class Kind(models.TextChoices):
    PLAN = "KH", _("Kế hoạch")
    DECISION = "QD", _("Quyết định ban hành kế hoạch")
    DISPATCH = "CV", _("Công văn triển khai kế hoạch")
    REPORT = "BC", _("Báo cáo kết quả thực hiện kế hoạch")
    REMINDER = "DD", _("Công văn đôn đốc đơn vị chậm thực hiện")
    SURVEY = "KS", _("Báo cáo / Thông báo kết quả khảo sát sự hài lòng")
    PROGRESS = "TD", _("Báo cáo kết quả thực hiện kế hoạch quý, năm (số liệu tiến độ)")


def template_path(instance, filename):
    owner = instance.issuer_id or "builtin"
    return f"document_templates/{owner}/{instance.kind}/{instance.sha256[:16]}.docx"


def document_path(instance, filename):
    return f"documents/{instance.issuer_id}/{instance.year}/{instance.sha256[:16]}-{filename[-80:]}"


class DocumentTemplate(models.Model):
    """A .docx template for one kind of document: built-in (no issuer) or an issuer's own copy."""

    kind = models.CharField(_("loại văn bản"), max_length=2, choices=Kind.choices)
    issuer = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="document_templates",
        verbose_name=_("cơ quan (để trống: mẫu dùng chung)"),
    )
    name = models.CharField(_("tên mẫu"), max_length=200)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    file = models.FileField(_("tệp mẫu"), upload_to=template_path, max_length=255)
    sha256 = models.CharField(max_length=64, verbose_name=_("mã băm SHA-256"))
    variables = models.JSONField(_("biến dùng trong mẫu"), default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tải lên lúc"))
    active = models.BooleanField(_("đang dùng"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "issuer_id", "-version"]
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        constraints = [
            # Built-in templates have no issuer: two partial constraints, which SQLite supports too.
            models.UniqueConstraint(
                fields=["kind", "issuer", "version"],
                condition=models.Q(issuer__isnull=False),
                name="document_template_version_unique",
            ),
            models.UniqueConstraint(
                fields=["kind", "version"],
                condition=models.Q(issuer__isnull=True),
                name="document_builtin_template_version_unique",
            ),
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    @property
    def is_builtin(self) -> bool:
        return self.issuer_id is None


class RegisterCounter(models.Model):
    """The last number handed out in one issuer's outgoing register for one year (locked when used)."""

    issuer = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan ban hành")
    )
    year = models.PositiveIntegerField(verbose_name=_("năm"))
    series = models.CharField(max_length=20, blank=True, default="", verbose_name=_("sổ"))
    last_number = models.PositiveIntegerField(default=0, verbose_name=_("số cuối đã cấp"))

    class Meta:
        verbose_name = _("bộ đếm sổ văn bản đi")
        verbose_name_plural = _("bộ đếm sổ văn bản đi")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "series"], name="register_counter_unique"),
        ]

    def __str__(self):
        return f"{self.issuer} {self.year}: {self.last_number}"


class RegisterEntry(models.Model):
    """One line of the outgoing register (sổ văn bản đi): a number given once, never again."""

    issuer = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="register_entries", verbose_name=_("cơ quan ban hành")
    )
    year = models.PositiveIntegerField(_("năm"))
    series = models.CharField(max_length=20, blank=True, default="", verbose_name=_("sổ"))
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("số, ký hiệu"), max_length=60)
    date = models.DateField(_("ngày văn bản"))
    summary = models.TextField(_("trích yếu"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người vào sổ"),
    )
    registered_at = models.DateTimeField(auto_now_add=True, verbose_name=_("vào sổ lúc"))

    class Meta:
        ordering = ["issuer_id", "-year", "-number"]
        verbose_name = _("sổ văn bản đi")
        verbose_name_plural = _("sổ văn bản đi")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "series", "number"], name="register_number_unique"
            ),
        ]

    def __str__(self):
        return self.symbol


class GeneratedDocument(models.Model):
    """A document produced from a template and data; drafted without a number, numbered when registered."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")  # rendered without a number; may be rendered again
        REGISTERED = "registered", _("Đã vào sổ")  # numbered and dated; the file is final

    class PdfStatus(models.TextChoices):
        NONE = "", _("Chưa tạo")
        DONE = "done", _("Đã tạo")
        UNAVAILABLE = "unavailable", _("Máy chủ chưa cài LibreOffice")
        FAILED = "failed", _("Lỗi chuyển đổi")

    kind = models.CharField(_("loại văn bản"), max_length=2, choices=Kind.choices)
    issuer = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="documents", verbose_name=_("cơ quan ban hành")
    )
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("kế hoạch")
    )
    template = models.ForeignKey(
        DocumentTemplate, on_delete=models.PROTECT, related_name="documents", verbose_name=_("mẫu")
    )
    template_version = models.PositiveIntegerField(verbose_name=_("phiên bản mẫu"))
    template_sha256 = models.CharField(max_length=64, verbose_name=_("mã băm của mẫu"))
    context = models.JSONField(_("dữ liệu"))
    summary = models.TextField(_("trích yếu"))
    code = models.CharField(_("ký hiệu"), max_length=40)
    year = models.PositiveIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    register_entry = models.OneToOneField(
        RegisterEntry,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="document",
        verbose_name=_("số vào sổ"),
    )
    # Empty for a draft the product made by itself (the công văn đôn đốc of an escalation).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người viết"),
    )
    # What made a system draft ("escalation:<unit>:<issuer>:<day>"), unique so a repeated signal adds none.
    origin = models.CharField(max_length=100, blank=True, default="", editable=False, verbose_name=_("nguồn"))
    file = models.FileField(upload_to=document_path, max_length=255, verbose_name=_("tệp"))
    filename = models.CharField(max_length=200, verbose_name=_("tên tệp"))
    sha256 = models.CharField(max_length=64, verbose_name=_("mã băm SHA-256"))
    pdf_file = models.FileField(
        upload_to=document_path, max_length=255, blank=True, verbose_name=_("tệp PDF")
    )
    pdf_sha256 = models.CharField(max_length=64, blank=True, verbose_name=_("mã băm PDF"))
    pdf_status = models.CharField(
        max_length=20, choices=PdfStatus.choices, blank=True, default="", verbose_name=_("trạng thái PDF")
    )
    state = FSMField(_("trạng thái"), default=State.DRAFT, choices=State.choices, protected=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("văn bản đã tạo")
        verbose_name_plural = _("văn bản đã tạo")
        constraints = [
            models.UniqueConstraint(
                fields=["origin"], condition=~models.Q(origin=""), name="document_origin_unique"
            ),
        ]

    def __str__(self):
        return f"{self.symbol or '…/' + self.code} — {self.summary[:80]}"

    @property
    def can_register(self) -> bool:
        return self.state == self.State.DRAFT

    @transition(field=state, source=State.DRAFT, target=State.REGISTERED)
    def register(self):
        pass


class DocumentTransition(TransitionLog):
    document = models.ForeignKey(
        GeneratedDocument, on_delete=models.PROTECT, related_name="transitions", verbose_name=_("văn bản")
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("lịch sử văn bản")
        verbose_name_plural = _("lịch sử văn bản")
