from django.urls import path

from .views import dashboard, deliverables, plans

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("ke-hoach/", plans.plan_list, name="plan_list"),
    path("ke-hoach/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:plan_id>/trang-thai/<str:action>/", plans.plan_transition, name="plan_transition"),
    path("ke-hoach/<int:plan_id>/nhiem-vu/them/", plans.task_edit, name="task_create"),
    path("ke-hoach/<int:plan_id>/nhiem-vu/<int:task_id>/sua/", plans.task_edit, name="task_edit"),
    path("viec-cua-don-vi/", deliverables.inbox, name="inbox"),
    path("xem-xet/", deliverables.review_queue, name="review_queue"),
    path("nghia-vu/<int:deliverable_id>/", deliverables.deliverable_detail, name="deliverable_detail"),
    path(
        "nghia-vu/<int:deliverable_id>/<str:action>/",
        deliverables.deliverable_action,
        name="deliverable_action",
    ),
    path("gia-han/<int:request_id>/<str:decision>/", deliverables.extension_decide, name="extension_decide"),
    path("tai-lieu/<int:evidence_id>/", deliverables.evidence_download, name="evidence_download"),
]
