from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history import register
from simple_history.models import HistoricalRecords

from core.dates import date_in_bounds
from core.text import fold


class Unit(models.Model):
    """A node of the organisation tree: a people's committee, a department, an office."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("UBND cấp tỉnh")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        DISTRICT = "district", _("UBND cấp huyện")
        COMMUNE = "commune", _("UBND cấp xã")
        OFFICE = "office", _("Phòng, bộ phận chuyên môn")
        ONE_STOP = "one_stop", _("Bộ phận một cửa, Trung tâm HCC")
        PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp")
        VERTICAL = "vertical", _("Cơ quan ngành dọc")
        OTHER = "other", _("Khác")

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    code = models.CharField(
        _("mã đơn vị"),
        max_length=40,
        unique=True,
        help_text=_("Mã duy nhất trong hệ thống, ví dụ CAMLAM-PNV."),
    )
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    symbol = models.CharField(
        _("ký hiệu trên văn bản"),
        max_length=20,
        blank=True,
        help_text=_("Dùng trong số, ký hiệu văn bản: UBND, SCT, STP, PNV…"),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.OFFICE)
    requires_head_approval = models.BooleanField(
        _("lãnh đạo đơn vị duyệt báo cáo"),
        default=False,
        help_text=_("Báo cáo của đơn vị phải được lãnh đạo đơn vị duyệt trước khi gửi Nội vụ."),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    # Set when a reorganisation ends the unit: it stays on record, its code is never reused.
    dissolved_on = models.DateField(_("giải thể, sáp nhập từ ngày"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class UnitAlias(models.Model):
    """Another way plan text names a unit ("VP HĐND-UBND"); matched accent- and case-free."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("đơn vị"))
    text = models.CharField(_("cách gọi"), max_length=255)
    folded = models.CharField(max_length=255, db_index=True, editable=False, verbose_name=_("dạng so khớp"))

    history = HistoricalRecords(excluded_fields=["folded"])

    class Meta:
        verbose_name = _("tên gọi khác")
        verbose_name_plural = _("tên gọi khác")
        constraints = [
            models.UniqueConstraint(fields=["unit", "folded"], name="unit_alias_unique_per_unit"),
        ]

    def __str__(self):
        return self.text

    def clean(self):
        self.folded = fold(self.text)


class Membership(models.Model):
    """A user's role in one unit; a user may hold several."""

    class Role(models.TextChoices):
        # Nội vụ: manages the plans issued by this unit or any unit under it.
        COORDINATOR = "coordinator", _("Điều phối (Nội vụ)")
        # Reports progress for exactly this unit.
        OFFICER = "officer", _("Cán bộ đơn vị")
        # Approves this unit's reports before they go to Nội vụ.
        HEAD = "head", _("Lãnh đạo đơn vị")
        # Produces documents for this unit.
        CLERK = "clerk", _("Văn thư, chuyên viên")
        # Runs satisfaction surveys for this unit's tree.
        SURVEYOR = "surveyor", _("Khảo sát viên")
        # Leader: reads dashboards of this unit's tree, changes nothing.
        VIEWER = "viewer", _("Lãnh đạo (chỉ xem)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("người dùng"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("đơn vị")
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    # The role lapses from this day on (the unit was reorganised, or the person left).
    ended_on = models.DateField(_("hết hiệu lực từ ngày"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vai trò trong đơn vị")
        verbose_name_plural = _("vai trò trong đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class UnitName(models.Model):
    """A name a unit carried until a rename: records are named as they were at their date."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="former_names", verbose_name=_("đơn vị")
    )
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    valid_until = models.DateField(_("dùng đến hết ngày"))

    class Meta:
        ordering = ["unit_id", "valid_until", "id"]
        verbose_name = _("tên cũ của đơn vị")
        verbose_name_plural = _("tên cũ của đơn vị")

    def __str__(self):
        return f"{self.name} (đến {self.valid_until:%d/%m/%Y})"


class Reorganisation(models.Model):
    """One applied reorganisation event: its kind, effective date, legal basis and what it moved."""

    class Kind(models.TextChoices):
        RENAME = "rename", _("Đổi tên")
        MERGE = "merge", _("Hợp nhất, sáp nhập")
        SPLIT = "split", _("Chia tách")
        DISSOLVE = "dissolve", _("Giải thể")
        MOVE = "move", _("Chuyển đơn vị cấp trên")

    kind = models.CharField(_("loại sự kiện"), max_length=20, choices=Kind.choices)
    effective_on = models.DateField(_("có hiệu lực từ ngày"), validators=[date_in_bounds])
    basis = models.CharField(_("căn cứ pháp lý"), max_length=500)
    # kind, date and unit codes: the same event applied twice is recognised and changes nothing.
    fingerprint = models.CharField(
        max_length=600, unique=True, editable=False, verbose_name=_("dấu nhận dạng")
    )
    summary = models.JSONField(_("kết quả"), default=dict)
    units = models.ManyToManyField(Unit, related_name="reorganisations", verbose_name=_("đơn vị liên quan"))
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người áp dụng"),
    )
    applied_at = models.DateTimeField(_("thực hiện lúc"), auto_now_add=True)

    class Meta:
        ordering = ["effective_on", "id"]
        verbose_name = _("sắp xếp tổ chức")
        verbose_name_plural = _("sắp xếp tổ chức")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.effective_on:%d/%m/%Y} — {self.basis}"


class UnitLineage(models.Model):
    """Predecessor → successor from a date: who now answers for what a unit owed."""

    event = models.ForeignKey(
        Reorganisation, on_delete=models.PROTECT, related_name="lineage", verbose_name=_("sự kiện")
    )
    predecessor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successor_links", verbose_name=_("đơn vị trước")
    )
    successor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="predecessor_links", verbose_name=_("đơn vị kế thừa")
    )
    effective_on = models.DateField(_("từ ngày"), validators=[date_in_bounds])
    # The default successor takes over the predecessor's plans and their coordination.
    is_primary = models.BooleanField(_("đơn vị kế thừa chính"), default=True)

    class Meta:
        ordering = ["effective_on", "id"]
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="lineage_unique"),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")), name="lineage_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.effective_on:%d/%m/%Y})"


class ApiToken(models.Model):
    """A revocable key another system uses to call the API on behalf of one unit.

    Only the SHA-256 of the key is stored; the key is shown once, when created. Each token
    acts through its own service account (``user``): an officer of ``unit`` with an unusable
    password, so ``units.selectors.access_for`` scopes it exactly as a unit officer.
    """

    class Scope(models.TextChoices):
        READ = "read", _("Đọc dữ liệu của đơn vị")
        REPORT = "report", _("Gửi báo cáo, tiến độ, đề nghị gia hạn")
        SURVEY_RESPONSES = "survey_responses", _("Gửi phiếu khảo sát")

    name = models.CharField(_("tên hệ thống"), max_length=120, help_text=_("Ví dụ: Một cửa điện tử."))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="api_tokens", verbose_name=_("đơn vị")
    )
    scopes = models.CharField(
        _("phạm vi"), max_length=120, help_text=_("Danh sách cách nhau bởi dấu phẩy: read, report…")
    )
    prefix = models.CharField(_("đầu mã"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False, verbose_name=_("mã băm của khóa"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_token",
        editable=False,
        verbose_name=_("tài khoản dịch vụ"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self):
        return f"{self.name} — {self.unit} ({self.prefix}…)"

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(item.strip() for item in self.scopes.split(",") if item.strip())

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


# Accounts: who was given or lost access, and when; never the password.
register(User, app="units", excluded_fields=["password", "last_login"])
