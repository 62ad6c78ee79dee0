"""Demo data: one campaign per seed survey plan, with responses, quotas and alerts on screen."""

import datetime as dt

from django.urls import reverse

from surveys.demo import load_demo as load_survey_demo
from surveys.models import Alert, Campaign, Response
from surveys.quotas import quota_progress
from tasks.demo import load_demo

TODAY = dt.date(2026, 11, 23)


def test_demo_campaigns_for_each_seed_plan(db, settings, tmp_path, admin_client):
    # given
    settings.MEDIA_ROOT = tmp_path
    load_demo(TODAY)
    # when
    lines = load_survey_demo(TODAY)
    # then
    assert len(lines) == 5 and all("tạo mới" in line for line in lines)
    campaigns = {c.plan.issuer.code: c for c in Campaign.objects.select_related("plan__issuer")}
    assert set(campaigns) == {"VINHMY-UBND", "BINHPHUOC-SCT", "CAMLAM-UBND", "CAMAU-UBND", "DONGNAI-UBND"}
    assert Response.objects.count() > 3000
    assert Alert.objects.filter(state=Alert.State.OPEN).exists()
    assert Alert.objects.filter(state=Alert.State.HANDLED).exists()
    dong_nai = quota_progress(campaign=campaigns["DONGNAI-UBND"], today=TODAY)
    assert sum(row.required for row in dong_nai) == 14500
    ca_mau = quota_progress(campaign=campaigns["CAMAU-UBND"], today=TODAY)
    assert sum(row.required for row in ca_mau) == 3 * 3 * 70 + 4 * 3 * 80  # the four demo communes
    cam_lam = campaigns["CAMLAM-UBND"]
    assert cam_lam.questionnaire.criteria.filter(sections__plan=cam_lam.plan).count() == 6
    for campaign in campaigns.values():
        page = admin_client.get(reverse("survey_detail", args=[campaign.pk]))
        assert page.status_code == 200
        assert "Chỉ số hài lòng" in page.content.decode()
    # idempotent
    assert all("đã có" in line for line in load_survey_demo(TODAY))
    assert Campaign.objects.count() == 5
