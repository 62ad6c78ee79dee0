from django.urls import path

from . import questionnaire_views, views

urlpatterns = [
    path("", views.survey_list, name="survey_list"),
    path("bo-phieu/", questionnaire_views.questionnaire_list, name="questionnaire_list"),
    path(
        "bo-phieu/<int:questionnaire_id>/", questionnaire_views.questionnaire_edit, name="questionnaire_edit"
    ),
    path(
        "bo-phieu/<int:questionnaire_id>/sao-chep/",
        questionnaire_views.questionnaire_copy,
        name="questionnaire_copy",
    ),
    path("tao-moi/", views.survey_create, name="survey_create"),
    path("so-voi-tien-do/", views.survey_progress, name="survey_progress"),
    path("<int:campaign_id>/", views.survey_detail, name="survey_detail"),
    path("<int:campaign_id>/nhap-phieu/", views.survey_entry, name="survey_entry"),
    path("<int:campaign_id>/ma-qr/", views.survey_qr, name="survey_qr"),
    path("<int:campaign_id>/may-tai-quay/<int:unit_id>/", views.survey_kiosk, name="survey_kiosk"),
    path("<int:campaign_id>/nhap-tep/", views.survey_import, name="survey_import"),
    path("<int:campaign_id>/nhap-tep/mau.xlsx", views.survey_import_template, name="survey_import_template"),
    path("<int:campaign_id>/ket-qua.xlsx", views.survey_export, name="survey_export"),
    path("<int:campaign_id>/canh-bao/", views.survey_alerts, name="survey_campaign_alerts"),
    path("canh-bao/", views.survey_alerts, name="survey_alerts"),
    path("canh-bao/<int:alert_id>/xu-ly/", views.survey_alert_handle, name="survey_alert_handle"),
    path("<int:campaign_id>/cong-bo/", views.survey_publish, name="survey_publish"),
    path(
        "ket-qua/<int:campaign_id>/<str:period>/", views.survey_public_results, name="survey_public_results"
    ),
    path("phieu/<str:token>/", views.survey_public_form, name="survey_public_form"),
    path("phieu/<str:token>/cam-on/", views.survey_public_thanks, name="survey_public_thanks"),
]
