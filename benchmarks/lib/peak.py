"""Run a command; when it ends, write the peak resident memory (KB) of its largest process.

python peak.py REPORT_FILE COMMAND...
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path


def main() -> int:
    report, command = Path(sys.argv[1]), sys.argv[2:]
    code = subprocess.call(command)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    report.write_text(str(peak))
    return code


if __name__ == "__main__":
    raise SystemExit(main())
