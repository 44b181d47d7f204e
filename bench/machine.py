"""What every benchmark result records about the machine it ran on."""

import os
import platform


def machine() -> dict:
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.machine(),
        # Other work on the machine skews the figures; this shows how much.
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
