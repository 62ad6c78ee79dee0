"""/api/v1/: every app's endpoints, one place."""

from django.urls import path

from surveys import apis as surveys_apis
from tasks import apis as tasks_apis
from units.apis.units import UnitListApi

urlpatterns = [
    path("units/", UnitListApi.as_view(), name="api_unit_list"),
    path("plans/", tasks_apis.PlanListApi.as_view(), name="api_plan_list"),
    path("plans/<int:plan_id>/", tasks_apis.PlanDetailApi.as_view(), name="api_plan_detail"),
    path("tasks/", tasks_apis.TaskListApi.as_view(), name="api_task_list"),
    path("deliverables/", tasks_apis.DeliverableListApi.as_view(), name="api_deliverable_list"),
    path(
        "deliverables/<int:deliverable_id>/",
        tasks_apis.DeliverableDetailApi.as_view(),
        name="api_deliverable_detail",
    ),
]

ACTIONS = {
    "submit": tasks_apis.DeliverableSubmitApi,
    "progress": tasks_apis.DeliverableProgressApi,
    "extension": tasks_apis.DeliverableExtensionApi,
    "accept": tasks_apis.DeliverableAcceptApi,
    "return": tasks_apis.DeliverableReturnApi,
    "waive": tasks_apis.DeliverableWaiveApi,
    "approve": tasks_apis.DeliverableApproveApi,
    "send-back": tasks_apis.DeliverableSendBackApi,
}
urlpatterns += [
    path("surveys/", surveys_apis.SurveyListApi.as_view(), name="api_survey_list"),
    path("surveys/<int:campaign_id>/index/", surveys_apis.SurveyIndexApi.as_view(), name="api_survey_index"),
    path(
        "surveys/<int:campaign_id>/responses/",
        surveys_apis.SurveyResponseBulkApi.as_view(),
        name="api_survey_responses",
    ),
]
urlpatterns += [
    path(f"deliverables/<int:deliverable_id>/{action}/", view.as_view(), name=f"api_deliverable_{action}")
    for action, view in ACTIONS.items()
]
