"""Records every app shares: background jobs, notifications, the calendar's overrides.

They were born in ``tasks``; their tables keep the names they had there (``db_table``),
so an existing database keeps its rows.
"""

from functools import cache

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMFieldMixin
from simple_history.models import HistoricalRecords

from .dates import date_in_bounds
from .notification_kinds import kind_choices


@cache
def _state_fields(model) -> tuple:
    return tuple(field for field in model._meta.fields if isinstance(field, FSMFieldMixin))


class GuardedStates(ConcurrentTransitionMixin):
    """django-fsm-2's guard against two people changing one record's state at once.

    The library looks for the state fields among all of a model's fields on every instance it
    builds; a page of a plan builds ~600 obligations, so they are found once per model here.
    """

    @property
    def state_fields(self):
        return _state_fields(type(self))


class CalendarDay(models.Model):
    """A day the official calendar changes: an extra day off, or a Saturday worked.

    The yearly notices (Tết, swapped days) arrive late and the holidays package lags;
    these rows override it for working-day deadlines.
    """

    date = models.DateField(_("ngày"), unique=True, validators=[date_in_bounds])
    is_day_off = models.BooleanField(
        _("là ngày nghỉ"), help_text=_("Bỏ chọn nếu đây là ngày làm việc bù (ví dụ thứ Bảy đi làm).")
    )
    note = models.CharField(_("căn cứ, ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        db_table = "tasks_calendarday"
        ordering = ["date"]
        verbose_name = _("ngày nghỉ / làm bù")
        verbose_name_plural = _("lịch nghỉ lễ, làm bù")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {'nghỉ' if self.is_day_off else 'làm việc'}"


class Notification(models.Model):
    """An in-app message to one person; reminders arrive as one digest per person per day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("người dùng"),
    )
    kind = models.CharField(max_length=20, choices=kind_choices, verbose_name=_("loại"))
    day = models.DateField(_("ngày"))
    title = models.CharField(_("tiêu đề"), max_length=255)
    # The lines are rows of their own (NotificationLine): adding to a digest of 20 000 lines is an
    # INSERT, not a rewrite of megabytes of JSON. Their count is kept here by core.notifications.
    line_count = models.PositiveIntegerField(_("số dòng"), default=0)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))
    read_at = models.DateTimeField(null=True, blank=True, verbose_name=_("đọc lúc"))
    emailed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("gửi thư lúc"))

    class Meta:
        db_table = "tasks_notification"
        ordering = ["-day", "-id"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "day"], name="one_digest_per_kind_per_day"),
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="tasks_notif_user_id_db02dd_idx")]

    def __str__(self):
        return self.title

    @property
    def lines(self) -> list[dict]:
        """Every line, in order, as the channels send them (a long digest is read in pages instead)."""
        return list(self.line_set.order_by("position").values("text", "url"))


class NotificationLine(models.Model):
    """One line of a notification: what happened and where to look."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="line_set", verbose_name=_("thông báo")
    )
    position = models.PositiveIntegerField(_("thứ tự"))
    text = models.TextField(_("nội dung"))
    url = models.CharField(_("đường dẫn"), max_length=500)

    class Meta:
        ordering = ["notification", "position"]
        verbose_name = _("dòng thông báo")
        verbose_name_plural = _("dòng thông báo")
        constraints = [
            models.UniqueConstraint(fields=["notification", "position"], name="notification_line_position"),
        ]

    def __str__(self):
        return self.text


class NotificationPreference(models.Model):
    """Whether a person also receives a kind of notification by e-mail (in-app always)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("người dùng")
    )
    kind = models.CharField(max_length=20, choices=kind_choices, verbose_name=_("loại"))
    by_email = models.BooleanField(_("gửi thư điện tử"), default=True)

    class Meta:
        db_table = "tasks_notificationpreference"
        verbose_name = _("tùy chọn thông báo")
        verbose_name_plural = _("tùy chọn thông báo")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.kind}"


class Job(models.Model):
    """A piece of long work (reminders, imports, batch documents, PDF) and its progress."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Lỗi")

    kind = models.CharField(_("loại việc"), max_length=60)
    arguments = models.JSONField(default=dict, verbose_name=_("tham số"))
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.QUEUED, verbose_name=_("trạng thái")
    )
    rows_total = models.PositiveIntegerField(default=0, verbose_name=_("tổng số dòng"))
    rows_done = models.PositiveIntegerField(default=0, verbose_name=_("số dòng đã xử lý"))
    errors = models.JSONField(default=list, verbose_name=_("lỗi"))
    result = models.JSONField(default=dict, verbose_name=_("kết quả"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("bắt đầu lúc"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("xong lúc"))
    # The running worker renews this while it works; once it has passed, the worker is
    # taken for dead and a redelivered message runs the job again.
    lease_until = models.DateTimeField(null=True, blank=True, verbose_name=_("giữ việc đến"))
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("số lần chạy"))

    class Meta:
        db_table = "tasks_job"
        ordering = ["-created_at", "-id"]
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return round(100 * self.rows_done / self.rows_total) if self.rows_total else 0


class Stamp(models.Model):
    """A token renewed whenever a kind of record changes, so processes that keep something worked
    out from those records (each person's unit scopes) can tell, in one indexed read, whether it is
    still right. It lives in the database every app server shares; a process's memory would not
    see another server's writes.
    """

    name = models.CharField(_("tên"), max_length=40, primary_key=True)
    value = models.CharField(_("giá trị"), max_length=32)

    class Meta:
        verbose_name = _("dấu thay đổi")
        verbose_name_plural = _("dấu thay đổi")

    def __str__(self):
        return self.name
