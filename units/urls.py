from django.urls import path

from . import views

urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("them/", views.unit_create, name="unit_create"),
    path("nhap/", views.unit_import, name="unit_import"),
    path("<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("<int:unit_id>/ngung/", views.unit_deactivate, name="unit_deactivate"),
    path("<int:unit_id>/sap-xep/", views.reorganise, name="unit_reorganise"),
    path("sap-xep/", views.reorganise, name="reorganise"),
    path("sap-xep/bang-tinh/", views.reorganise_sheet, name="reorganise_sheet"),
    path("sap-xep/lich-su/", views.reorganisation_list, name="reorganisation_list"),
    path("sap-xep/<int:event_id>/", views.reorganisation_detail, name="reorganisation_detail"),
    path("nguoi-dung/", views.person_list, name="person_list"),
    path("nguoi-dung/them/", views.person_create, name="person_create"),
    path("nguoi-dung/<int:person_id>/", views.person_detail, name="person_detail"),
    path("nguoi-dung/<int:person_id>/<str:action>/", views.person_action, name="person_action"),
]
