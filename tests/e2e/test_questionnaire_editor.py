"""Journey: a survey operator (not staff) copies a built-in questionnaire, rewords a question and adds a
criterion with a question, on a laptop and on a phone; the built-in stays as it was."""

import pytest
from playwright.sync_api import expect

from surveys.builtin import questionnaire_install_builtin
from surveys.models import Questionnaire

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 375])
def test_operator_copies_a_builtin_questionnaire_and_edits_its_questions(demo, open_session, width):
    builtin = questionnaire_install_builtin(code="vinh-my-2021")
    first_text = builtin.questions.order_by("position").first().text
    operator = open_session("motcua.vinhmy", width=width, height=800)
    user = operator.page
    operator.open("/khao-sat/")
    user.get_by_role("link", name="Phiếu khảo sát (sao chép, sửa câu hỏi)").click()
    user.wait_for_load_state()
    row = user.locator("tr", has_text=builtin.title).first
    row.get_by_role("button", name="Sao chép để sửa").click()
    user.wait_for_load_state()
    expect(user.get_by_text("Đã sao chép phiếu")).to_be_visible()
    assert operator.no_horizontal_scroll()

    user.fill("#id_title", "Phiếu khảo sát Bộ phận một cửa xã Vinh Mỹ (bản của xã)")
    user.fill("#id_q-0-text", "Ông/bà hài lòng thế nào với việc giải quyết hồ sơ tại Bộ phận một cửa?")
    extra_c = user.locator(".q-row input[name$='-code'][name^='c-']").count() - 1
    user.fill(f"#id_c-{extra_c}-code", "CSVC")
    user.fill(f"#id_c-{extra_c}-name", "Cơ sở vật chất nơi tiếp nhận")
    extra_q = user.locator("textarea[name^='q-'][name$='-text']").count() - 1
    user.fill(f"#id_q-{extra_q}-code", "9")
    user.fill(f"#id_q-{extra_q}-text", "Nơi chờ có đủ ghế ngồi không?")
    user.select_option(f"#id_q-{extra_q}-kind", "yes_no")
    user.fill(f"#id_q-{extra_q}-criterion", "CSVC")
    user.select_option(f"#id_q-{extra_q}-polarity", "yes_good")
    user.get_by_role("button", name="Lưu phiếu").click()
    user.wait_for_load_state()
    expect(user.get_by_text("Đã lưu phiếu")).to_be_visible()

    copy = Questionnaire.objects.get(title="Phiếu khảo sát Bộ phận một cửa xã Vinh Mỹ (bản của xã)")
    assert copy.questions.get(code="9").criterion.name == "Cơ sở vật chất nơi tiếp nhận"
    assert builtin.questions.order_by("position").first().text == first_text
    assert operator.no_horizontal_scroll()
    user.locator("#id_q-0-text").scroll_into_view_if_needed()
    operator.shot("18-sua-phieu-khao-sat" + ("-dien-thoai" if width == 375 else ""))
