from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.http import safe_next
from core.models import Job, Notification
from core.notification_kinds import KINDS
from core.notifications import preferences_for, preferences_save
from core.selectors import notification_lines_page, notification_page_for_user
from units.selectors import access_job_by_id


def _grouped_by_day(items) -> list[tuple[object, list]]:
    days: dict = {}
    for item in items:
        days.setdefault(item.day, []).append(item)
    return list(days.items())


@login_required
def notification_list(request):
    """A person's notices, newest day first, grouped by day, paged; filter by kind, unread only."""
    counts = dict(
        Notification.objects.filter(user=request.user).order_by().values_list("kind").annotate(n=Count("id"))
    )
    kind = request.GET.get("loai", "")
    kind = kind if kind in KINDS else ""
    unread_only = request.GET.get("chua_doc") == "1"
    page = notification_page_for_user(
        request.user, request.GET.get("trang"), kind=kind, unread_only=unread_only
    )
    kinds = [(key, KINDS[key].label, n) for key, n in sorted(counts.items()) if key in KINDS]
    context = {
        "days": _grouped_by_day(page.object_list),
        "page": page,
        "kinds": kinds,
        "kind": kind,
        "unread_only": unread_only,
        "total": sum(counts.values()),
        "preferences": _preference_form(request),
    }
    return render(request, "tasks/notifications.html", context)


@login_required
def notification_detail(request, notification_id: int):
    """One notification with its lines, 50 a page (a digest can list thousands of obligations)."""
    notification = get_object_or_404(Notification.objects, pk=notification_id, user=request.user)
    lines = notification_lines_page(notification, request.GET.get("trang"))
    return render(request, "tasks/notification_detail.html", {"n": notification, "lines": lines})


@login_required
@require_POST
def notification_read(request, notification_id: int | None = None):
    unread = Notification.objects.filter(user=request.user, read_at__isnull=True)
    if notification_id:
        unread = unread.filter(pk=notification_id)
    unread.update(read_at=timezone.now())
    return redirect(safe_next(request, reverse("notification_list")))


class PreferenceForm(forms.Form):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = preferences_for(user)
        for code, kind in KINDS.items():
            mandatory = kind.is_mandatory_for(user)
            self.fields[code] = forms.BooleanField(
                label=kind.label,
                required=False,
                initial=chosen[code],
                disabled=mandatory,
                help_text="Nội vụ luôn nhận thư về việc quá hạn." if mandatory else "",
            )


def _preference_form(request, data=None):
    return PreferenceForm(data, user=request.user)


@login_required
@require_POST
def notification_preferences(request):
    form = _preference_form(request, request.POST)
    if form.is_valid():
        preferences_save(user=request.user, by_email=form.cleaned_data)
        messages.success(request, "Đã lưu lựa chọn nhận thư.")
    return redirect("notification_list")


@login_required
def job_detail(request, job_id: int):
    job = access_job_by_id(request.user, job_id)
    return render(request, "tasks/job_detail.html", {"job": job})


@login_required
def job_download(request, job_id: int):
    """The file a finished job wrote (a progress workbook): only for the person who asked for it."""
    job = get_object_or_404(Job, pk=job_id, state=Job.State.DONE)
    path = job.result.get("file")
    if job.created_by_id != request.user.pk or not path:
        raise PermissionDenied("Tệp này không phải của bạn.")
    if not default_storage.exists(path):
        raise Http404("Tệp đã bị xóa; hãy xuất lại.")
    name = job.result.get("filename") or path.rsplit("/", 1)[-1]
    return FileResponse(default_storage.open(path, "rb"), as_attachment=True, filename=name)
