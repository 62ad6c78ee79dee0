from django.dispatch import Signal

# Sent once per plan and day when overdue items of the plan reach Nội vụ (keyword arguments:
# plan_id, by_unit — unit id → ids of its escalated obligations —, day), after the steps are
# committed; sent again when the day's run is taken again. The documents app queues one
# công văn đôn đốc per unit from it.
deliverables_escalated = Signal()
