"""Which modules a one-report `reportlint check` imports, run in a fresh interpreter."""
import json
import os
import subprocess
import sys
from pathlib import Path

_RUN = """\
import json, sys
from reportlint.cli import main
try:
    main(["check", "--isolated", "--no-source", "-q", "--no-cache", "--select", "all", sys.argv[1]])
except SystemExit:
    pass
print(json.dumps({name: name in sys.modules for name in sys.argv[2:]}), file=sys.stderr)
"""


def imported_after_a_run(draft: Path, cache: Path, *modules: str) -> dict[str, bool]:
    """{module: imported} after one run on `draft`, with `cache` as the cache folder."""
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(cache)}
    env.pop("REPORTLINT_NO_CACHE", None)
    proc = subprocess.run([sys.executable, "-c", _RUN, str(draft), *modules], capture_output=True, text=True,
                          env=env)
    return json.loads(proc.stderr.strip().splitlines()[-1])
