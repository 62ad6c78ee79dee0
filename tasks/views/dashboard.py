from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from units.selectors import access_for

from ..selectors import dashboard_for_user, deliverable_list_for_user, plan_timeline


@login_required
def dashboard(request):
    """Nội vụ and leaders: counts per plan and unit, overdue items, the months ahead."""
    access = access_for(request.user)
    if not (access.is_superuser or access.coordinated or access.readable_tree):
        return redirect("inbox")
    today = timezone.localdate()
    context = {
        "data": dashboard_for_user(request.user, today),
        "timeline": plan_timeline(deliverable_list_for_user(request.user), today),
        "today": today,
    }
    return render(request, "tasks/dashboard.html", context)
