from django.dispatch import Signal

# Sent once per unit and day when its overdue items reach Nội vụ (keyword arguments:
# unit, deliverables, day). The documents app drafts the công văn đôn đốc from it.
deliverables_escalated = Signal()
