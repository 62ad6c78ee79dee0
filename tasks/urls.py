from django.urls import path

from .views import bulk, dashboard, deliverables, imports, notifications, plan_edit, plans, progress

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("qua-han/", dashboard.overdue_list, name="overdue_list"),
    path("tong-quan/tien-do/", progress.progress_overview, name="progress_overview"),
    path("nghia-vu/", progress.deliverable_list, name="deliverable_list"),
    path("ke-hoach/<int:plan_id>/tien-do/", progress.plan_gantt, name="plan_gantt"),
    path("ke-hoach/<int:plan_id>/tien-do.xlsx", progress.plan_progress_export, name="plan_progress_export"),
    path("ke-hoach/", plans.plan_list, name="plan_list"),
    path("ke-hoach/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path("ke-hoach/moi/", plan_edit.plan_form, name="plan_create"),
    path("ke-hoach/<int:plan_id>/sua/", plan_edit.plan_form, name="plan_edit"),
    path("ke-hoach/so-tien-bang-chu/", plan_edit.amount_words, name="amount_words"),
    path(
        "ke-hoach/<int:plan_id>/trang-thai/<str:action>/", plan_edit.plan_transition, name="plan_transition"
    ),
    path("ke-hoach/<int:plan_id>/thoi-han/", plan_edit.deadline_preview, name="deadline_preview"),
    path("ke-hoach/<int:plan_id>/nhiem-vu/them/", plan_edit.task_edit, name="task_create"),
    path("ke-hoach/<int:plan_id>/nhiem-vu/dan/", plan_edit.tasks_paste, name="tasks_paste"),
    path("ke-hoach/<int:plan_id>/nhiem-vu/<int:task_id>/sua/", plan_edit.task_edit, name="task_edit"),
    path("ke-hoach/<int:plan_id>/nhiem-vu/<int:task_id>/bo/", plan_edit.task_remove, name="task_remove"),
    path(
        "ke-hoach/<int:plan_id>/nhiem-vu/<int:task_id>/<str:direction>/",
        plan_edit.task_move,
        name="task_move",
    ),
    path("ke-hoach/nhap/", imports.import_upload, name="import_upload"),
    path("ke-hoach/nhap/mau-bang-nhiem-vu.xlsx", imports.import_template, name="import_template"),
    path("ke-hoach/nhap/<int:batch_id>/", imports.import_preview, name="import_preview"),
    path("ke-hoach/nhap/<int:batch_id>/don-vi/", imports.import_map_unit, name="import_map_unit"),
    path("ke-hoach/nhap/<int:batch_id>/them-don-vi/", imports.import_add_unit, name="import_add_unit"),
    path("ke-hoach/nhap/<int:batch_id>/<str:decision>/", imports.import_decide, name="import_decide"),
    path("ke-hoach/<int:plan_id>/nhiem-vu.xlsx", imports.plan_export, name="plan_export"),
    path("viec-cua-don-vi/", deliverables.inbox, name="inbox"),
    path("xem-xet/", deliverables.review_queue, name="review_queue"),
    path("xem-xet/chap-nhan/", bulk.review_accept_many, name="review_accept_many"),
    path("nhac/", bulk.remind_selection, name="remind_selection"),
    path("ke-hoach/<int:plan_id>/nhac-don-vi/", bulk.remind_unit, name="remind_unit"),
    path("nghia-vu/<int:deliverable_id>/", deliverables.deliverable_detail, name="deliverable_detail"),
    path(
        "nghia-vu/<int:deliverable_id>/<str:action>/",
        deliverables.deliverable_action,
        name="deliverable_action",
    ),
    path("gia-han/<int:request_id>/<str:decision>/", deliverables.extension_decide, name="extension_decide"),
    path("thong-bao/", notifications.notification_list, name="notification_list"),
    path("thong-bao/da-doc/", notifications.notification_read, name="notification_read_all"),
    path("thong-bao/<int:notification_id>/", notifications.notification_detail, name="notification_detail"),
    path(
        "thong-bao/<int:notification_id>/da-doc/", notifications.notification_read, name="notification_read"
    ),
    path("thong-bao/tuy-chon/", notifications.notification_preferences, name="notification_preferences"),
    path("viec-nen/<int:job_id>/", notifications.job_detail, name="job_detail"),
    path("viec-nen/<int:job_id>/tai-ve/", notifications.job_download, name="job_download"),
    path("tai-lieu/<int:evidence_id>/", deliverables.evidence_download, name="evidence_download"),
]
