from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from units.selectors import access_for

from ..filtersets import deliverables_filtered
from ..selectors import dashboard_for_user, overdue_count_for_user, overdue_for_user, page_of


def _reads_dashboards(user) -> bool:
    access = access_for(user)
    return access.is_superuser or bool(access.coordinated or access.readable_tree)


@login_required
def dashboard(request):
    """Nội vụ and leaders: counts per plan and unit, overdue items, the months ahead."""
    if not _reads_dashboards(request.user):
        return redirect("inbox")
    today = timezone.localdate()
    data = dashboard_for_user(request.user, today, unit_page=request.GET.get("trang_don_vi"))
    context = {"data": data, "timeline": data.timeline, "today": today}
    return render(request, "tasks/dashboard.html", context)


@login_required
def overdue_list(request):
    """Every overdue obligation the user sees (or those flagged for the leaders), 50 a page."""
    if not _reads_dashboards(request.user):
        return redirect("inbox")
    today = timezone.localdate()
    flagged = request.GET.get("lanh_dao") == "1"
    filterset, overdue = deliverables_filtered(
        request, overdue_for_user(request.user, today, flagged=flagged), exclude=("state", "overdue")
    )
    # Unfiltered, the summaries know how many are overdue: no COUNT over every obligation.
    known = not flagged and not filterset.is_bound
    count = overdue_count_for_user(request.user, today) if known else None
    page = page_of(overdue, request.GET.get("trang"), count=count)
    context = {"page": page, "flagged": flagged, "today": today, "filter": filterset}
    return render(request, "tasks/overdue_list.html", context)
