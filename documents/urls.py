from django.urls import path

from . import views

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("ke-hoach/<int:plan_id>/tao/", views.document_create, name="document_create"),
    path("ke-hoach/<int:plan_id>/don-doc/", views.plan_reminder_letters, name="plan_reminder_letters"),
    path("khao-sat/<int:campaign_id>/tao/", views.document_create_for_survey, name="document_create_survey"),
    path("<int:document_id>/", views.document_detail, name="document_detail"),
    path("<int:document_id>/tai-ve/", views.document_download, name="document_download"),
    path("<int:document_id>/vao-so/", views.document_register, name="document_register"),
    path("<int:document_id>/pdf/", views.document_pdf, name="document_pdf"),
    path("<int:document_id>/xem-truoc/", views.document_preview, name="document_preview"),
    path(
        "<int:document_id>/xem-truoc/trang-<int:number>.png",
        views.document_preview_page,
        name="document_preview_page",
    ),
    path("mau/", views.template_list, name="template_list"),
    path("mau/tai-len/", views.template_upload, name="template_upload"),
    path("mau/<int:template_id>/", views.template_detail, name="template_detail"),
    path("mau/<int:template_id>/tai-ve/", views.template_download, name="template_download"),
    path("mau/chung/<str:kind>/tai-ve/", views.template_builtin_download, name="template_builtin_download"),
]
