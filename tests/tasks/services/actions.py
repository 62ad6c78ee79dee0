"""Each deliverable action as a user performs it, by the person who normally may."""

from tasks.services.deliverables import (
    deliverable_accept,
    deliverable_approve,
    deliverable_return,
    deliverable_send_back,
    deliverable_submit,
    deliverable_waive,
)

COMMENTS = {
    "submit": "",
    "approve": "Đồng ý gửi Nội vụ.",
    "send_back": "Bổ sung số liệu quý I.",
    "accept": "Đạt yêu cầu.",
    "return_to_unit": "Thiếu danh sách người tham dự.",
    "waive": "Nhiệm vụ đã được thay thế bằng kế hoạch khác.",
}

# action name → (attribute of Org who normally acts, callable(deliverable, actor))
ACTIONS = {
    "submit": (
        "officer_a",
        lambda d, actor: deliverable_submit(deliverable=d, actor=actor, text="Đã thực hiện xong."),
    ),
    "approve": (
        "head_a",
        lambda d, actor: deliverable_approve(deliverable=d, actor=actor, comment=COMMENTS["approve"]),
    ),
    "send_back": (
        "head_a",
        lambda d, actor: deliverable_send_back(deliverable=d, actor=actor, comment=COMMENTS["send_back"]),
    ),
    "accept": (
        "coordinator",
        lambda d, actor: deliverable_accept(deliverable=d, actor=actor, comment=COMMENTS["accept"]),
    ),
    "return_to_unit": (
        "coordinator",
        lambda d, actor: deliverable_return(deliverable=d, actor=actor, comment=COMMENTS["return_to_unit"]),
    ),
    "waive": (
        "coordinator",
        lambda d, actor: deliverable_waive(deliverable=d, actor=actor, reason=COMMENTS["waive"]),
    ),
}


def perform(name, deliverable, org, actor=None):
    role, call = ACTIONS[name]
    return call(deliverable, actor if actor is not None else getattr(org, role))
