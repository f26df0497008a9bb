"""Peak memory of the running process, for benchmarks that run each size in a child."""

from __future__ import annotations

import resource
from pathlib import Path


def peak_mb() -> float:
    """This process's peak resident memory in MB. Linux's ``ru_maxrss`` survives exec,
    so a child started by a parent that had used more memory reports the parent's peak;
    the high-water mark of the process's own memory (``VmHWM``) starts afresh."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
