"""English interface, same Vietnamese data conventions: day-first dates and 1.234.567 amounts.

An officer who switches the interface to English still types dates the way the plans write them.
"""

from ..vi.formats import *  # noqa: F403
