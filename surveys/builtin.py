"""The built-in questionnaires, as data, and their installation (idempotent).

- ``binh-phuoc-2023``: the Phụ lục of the Bình Phước Sở Công Thương plan, every
  question in its wording;
- ``vinh-my-2021``: the Vinh Mỹ 3-level general question with timeliness;
- ``sipas``: a SIPAS-style questionnaire whose criteria are the sections of the Cam
  Lâm plan; the Đồng Nai respondent types are asked on every response.
"""

from __future__ import annotations

from django.db import transaction

from core.history import bulk_create_with_history

from .models import Choice, Criterion, Question, Questionnaire

QUALITY5 = ["Rất tốt", "Tốt", "Trung bình", "Kém", "Rất kém"]
SIMPLE5 = ["Rất gọn", "Gọn", "Trung bình", "Rườm rà", "Rất rườm rà"]
SPEED5 = ["Rất nhanh", "Nhanh", "Trung bình", "Chậm", "Rất chậm"]
SAT3 = ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
SAT5 = ["Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng", "Rất không hài lòng"]
TIME3 = ["Trước hẹn", "Đúng hẹn", "Trễ hẹn"]
TIME3_VINH_MY = ["Đúng hẹn", "Chậm hẹn nhưng chấp nhận được", "Không đúng hẹn"]
LEARNED_FROM = [
    "Qua phương tiện thông tin đại chúng (báo , đài, mạng điện tử...)",
    "Đọc bảng niêm yết tại nơi tiếp nhận hồ sơ",
    "Nhờ người quen hướng dẫn",
    "Qua công chức tiếp nhận hướng dẫn",
    "Hình thức khác",
]
S, YN, ONE, MANY, TXT = "scale", "yes_no", "single", "multiple", "text"


def _q(
    code, text, kind, *, labels=None, criterion=None, polarity="", general=False, alert=None, choices=None
):
    return {
        "code": code,
        "text": text,
        "kind": kind,
        "labels": labels or [],
        "criterion": criterion,
        "polarity": polarity,
        "is_general": general,
        "alert_from_level": alert,
        "choices": choices or [],
    }


BINH_PHUOC = {
    "code": "binh-phuoc-2023",
    "title": "Phiếu khảo sát lấy ý kiến về việc thực hiện thủ tục hành chính",
    "source": "Phụ lục Kế hoạch của Sở Công Thương tỉnh Bình Phước năm 2023",
    "intro": (
        "Để cải thiện chất lượng phục vụ đối với người dân, tổ chức, doanh nghiệp của cơ quan, xin ông (bà) "
        "vui lòng cho ý kiến đánh giá về việc thực hiện thủ tục hành chính. Thông tin cá nhân của người "
        "góp ý (nếu có) sẽ được bảo mật."
    ),
    "criteria": [
        ("TT", "Niêm yết, hướng dẫn thông tin"),
        ("PV", "Thái độ phục vụ"),
        ("HS", "Hồ sơ, giấy tờ, biểu mẫu"),
        ("TG", "Thời gian giải quyết"),
        ("CSVC", "Thiết bị phục vụ"),
        ("CP", "Chi phí ngoài quy định"),
    ],
    "questions": [
        _q("1", "Thủ tục ông (bà) đề nghị giải quyết", TXT),
        _q("2", "Đơn vị tiếp nhận hồ sơ", TXT),
        _q(
            "3.1",
            "Ông/Bà tìm hiểu thông tin để giải quyết hồ sơ qua hình thức nào?",
            MANY,
            choices=LEARNED_FROM,
        ),
        _q("3.2", "Việc hướng dẫn niêm yết thông tin", S, labels=QUALITY5, criterion="TT"),
        _q("3.3", "Thái độ phục vụ của cán bộ, nhân viên", S, labels=QUALITY5, criterion="PV"),
        _q("3.4", "Các hồ sơ giấy tờ, biểu mẫu để thực hiện thủ tục", S, labels=SIMPLE5, criterion="HS"),
        _q("3.5", "Thời gian giải quyết thủ tục hành chính", S, labels=SPEED5, criterion="TG"),
        _q(
            "3.6",
            "Chất lượng các thiết bị phục vụ (bàn ghế chờ, giấy bút, nước uống...)",
            S,
            labels=QUALITY5,
            criterion="CSVC",
        ),
        _q(
            "3.7",
            "Trong quá trình thực hiện thủ tục, ông (bà) có phải bổ sung thêm các loại giấy tờ khác ngoài "
            "các loại giấy tờ đã quy định hay không?",
            YN,
            polarity="yes_bad",
            criterion="HS",
            alert=2,
        ),
        _q(
            "3.8",
            "Ông (bà) có trả thêm khoản phí nào khác ngoài quy định hay không?",
            YN,
            polarity="yes_bad",
            criterion="CP",
            alert=2,
        ),
        _q(
            "3.9",
            "Kết quả thời gian giải quyết thủ tục của ông (bà):",
            S,
            labels=TIME3,
            criterion="TG",
            alert=3,
        ),
        _q(
            "3.10",
            "Đánh giá chung mức độ hài lòng của ông (bà) đối với việc giải quyết thủ tục",
            S,
            labels=SAT5,
            general=True,
            alert=4,
        ),
        _q("4", "Các góp ý, đánh giá khác (nếu có, xin vui lòng ghi rõ):", TXT),
    ],
}

VINH_MY = {
    "code": "vinh-my-2021",
    "title": "Phiếu đánh giá mức độ hài lòng tại Bộ phận Tiếp nhận và trả kết quả xã",
    "source": "Kế hoạch số 09/KH-UBND ngày 04/01/2021 của UBND xã Vinh Mỹ",
    "intro": "Xin ông (bà) vui lòng cho biết mức độ hài lòng đối với sự phục vụ của cơ quan, đơn vị.",
    "criteria": [("HL", "Mức độ hài lòng chung"), ("HEN", "Thời hạn trả kết quả")],
    "questions": [
        _q(
            "1",
            "Mức độ hài lòng của ông (bà) đối với sự phục vụ của cơ quan, đơn vị và cán bộ, công chức, "
            "viên chức",
            S,
            labels=SAT3,
            criterion="HL",
            general=True,
            alert=3,
        ),
        _q(
            "2",
            "Thời hạn trả kết quả giải quyết hồ sơ của ông (bà)",
            S,
            labels=TIME3_VINH_MY,
            criterion="HEN",
            alert=3,
        ),
        _q("3", "Ý kiến khác của ông (bà)", TXT),
    ],
}

SIPAS_CRITERIA = [
    ("I", "Tiếp cận dịch vụ"),
    ("II", "Điều kiện tiếp đón và phục vụ"),
    ("III", "Thủ tục hành chính"),
    ("IV", "Sự phục vụ của công chức"),
    ("V", "Kết quả, tiến độ giải quyết"),
    ("VI", "Tiếp nhận và xử lý phản hồi"),
]
SIPAS = {
    "code": "sipas",
    "title": "Phiếu khảo sát sự hài lòng của người dân, tổ chức (theo phương pháp SIPAS)",
    "source": "Tiêu chí của Kế hoạch nâng cao Chỉ số hài lòng huyện Cam Lâm năm 2022",
    "intro": (
        "Xin ông (bà) vui lòng cho biết mức độ hài lòng đối với sự phục vụ của cơ quan hành chính nhà nước "
        "trong lần giải quyết thủ tục hành chính vừa qua. Thông tin cá nhân (nếu có) được giữ kín."
    ),
    "criteria": SIPAS_CRITERIA,
    "questions": [
        _q("0.1", "Ông (bà) biết đến thủ tục hành chính qua kênh nào?", MANY, choices=LEARNED_FROM),
        _q(
            "I.1",
            "Việc tìm hiểu thông tin về thủ tục hành chính (niêm yết, trang thông tin điện tử, tổng đài)",
            S,
            labels=SAT5,
            criterion="I",
        ),
        _q(
            "I.2",
            "Việc nộp hồ sơ, tra cứu kết quả qua dịch vụ công trực tuyến",
            S,
            labels=SAT5,
            criterion="I",
        ),
        _q(
            "II.1",
            "Nơi ngồi chờ, trang thiết bị phục vụ tại Bộ phận Tiếp nhận và Trả kết quả",
            S,
            labels=QUALITY5,
            criterion="II",
        ),
        _q(
            "II.2",
            "Sự thuận tiện khi đến liên hệ (vị trí, biển chỉ dẫn, giờ làm việc)",
            S,
            labels=QUALITY5,
            criterion="II",
        ),
        _q("III.1", "Thành phần hồ sơ, biểu mẫu phải nộp", S, labels=SIMPLE5, criterion="III"),
        _q(
            "III.2",
            "Ông (bà) có phải bổ sung giấy tờ ngoài quy định hay không?",
            YN,
            polarity="yes_bad",
            criterion="III",
            alert=2,
        ),
        _q(
            "III.3",
            "Ông (bà) có phải trả thêm khoản phí nào ngoài quy định hay không?",
            YN,
            polarity="yes_bad",
            criterion="III",
            alert=2,
        ),
        _q("IV.1", "Thái độ giao tiếp, ứng xử của công chức", S, labels=QUALITY5, criterion="IV"),
        _q("IV.2", "Sự tận tình hướng dẫn, giải thích của công chức", S, labels=QUALITY5, criterion="IV"),
        _q("V.1", "Thời gian giải quyết hồ sơ", S, labels=SPEED5, criterion="V"),
        _q("V.2", "Kết quả giải quyết được trả", S, labels=TIME3, criterion="V", alert=3),
        _q(
            "VI.1",
            "Ông (bà) có được hướng dẫn cách góp ý, phản ánh, kiến nghị hay không?",
            YN,
            polarity="yes_good",
            criterion="VI",
        ),
        _q("VI.2", "Việc tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", S, labels=SAT5, criterion="VI"),
        _q(
            "G",
            "Đánh giá chung mức độ hài lòng của ông (bà) đối với sự phục vụ của cơ quan",
            S,
            labels=SAT5,
            general=True,
            alert=4,
        ),
        _q("Y", "Ông (bà) có góp ý gì để cơ quan phục vụ tốt hơn?", TXT),
    ],
}

BUILTIN = {data["code"]: data for data in (BINH_PHUOC, VINH_MY, SIPAS)}


@transaction.atomic
def questionnaire_install_builtin(*, code: str) -> Questionnaire:
    """Create the built-in questionnaire ``code`` (version 1) unless it exists."""
    data = BUILTIN[code]
    questionnaire, created = Questionnaire.objects.get_or_create(
        code=code,
        version=1,
        defaults={
            "title": data["title"],
            "intro": data["intro"],
            "source": data["source"],
            "is_builtin": True,
        },
    )
    if not created:
        return questionnaire
    criteria = {
        c_code: Criterion.objects.create(questionnaire=questionnaire, position=i, code=c_code, name=name)
        for i, (c_code, name) in enumerate(data["criteria"])
    }
    for position, q in enumerate(data["questions"]):
        question = Question.objects.create(
            questionnaire=questionnaire,
            position=position,
            code=q["code"],
            text=q["text"],
            kind=q["kind"],
            labels=q["labels"],
            polarity=q["polarity"],
            criterion=criteria.get(q["criterion"]),
            is_general=q["is_general"],
            alert_from_level=q["alert_from_level"],
        )
        bulk_create_with_history(
            Choice,
            (
                Choice(question=question, position=i, code=str(i + 1), text=text)
                for i, text in enumerate(q["choices"])
            ),
        )
    return questionnaire
