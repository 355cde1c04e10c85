#!/usr/bin/env bash
# Mutation testing of the core stages (manual check, slow: not part of pytest or .ci/run).
#
#   bash benchmarks/mutation.sh            # all core modules
#   bash benchmarks/mutation.sh urls       # one module: urls, parse.frontmatter (or parse/frontmatter), ...
#
# Configuration (modules, the fast tests that cover them) is [tool.mutmut] in pyproject.toml.
# Needs mutmut 3 in the venv: .venv/bin/pip install 'mutmut>=3.8'. Results go to mutants/
# (git-ignored); `mutmut results` lists survivors and `mutmut show NAME` prints one.
# Survivors judged equivalent are listed in benchmarks/MUTATION.md. Target: >= 95 % killed per module.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
MUTMUT=.venv/bin/mutmut
[ -x "$MUTMUT" ] || { echo "mutmut not installed: .venv/bin/pip install 'mutmut>=3.8'" >&2; exit 2; }
# One worker: the check shares the machine; raise MUTATION_WORKERS on a bigger one.
if [ $# -gt 0 ]; then
    # One module is checked against its own stage's tests only: every other file of the selection
    # is deselected (the publish fault sweep alone costs about a minute per surviving mutant).
    case "$1" in
        urls) keep="tests/test_urls.py" ;;
        *frontmatter* | *safeyaml*) keep="tests/test_frontmatter.py" ;;
        *outdir*) keep="tests/test_outdir.py" ;;
        *sources*) keep="tests/test_sources.py" ;;
        *plan*) keep="tests/test_plan.py tests/test_dossiers.py" ;;
        *staging*) keep="tests/test_publish.py tests/test_publish_faults.py" ;;
        *) keep="" ;;
    esac
    if [ -n "$keep" ]; then
        deselect=$("$PY" - "$keep" <<'PY'
import sys, tomllib
selection = tomllib.load(open("pyproject.toml", "rb"))["tool"]["mutmut"]["pytest_add_cli_args_test_selection"]
print(" ".join(f"--deselect {path}" for path in selection if path not in sys.argv[1].split()))
PY
)
        export PYTEST_ADDOPTS="${PYTEST_ADDOPTS:-} $deselect"
    fi
    "$MUTMUT" run --max-children "${MUTATION_WORKERS:-1}" "*.${1//\//.}.*" || true
else
    "$MUTMUT" run --max-children "${MUTATION_WORKERS:-1}" || true
fi
"$MUTMUT" results --all true > mutants/results.txt 2>/dev/null || true
"$PY" - <<'PY'
"""Per-module kill rate from `mutmut results --all true` (killed % counts timeouts as killed)."""
from collections import Counter, defaultdict

counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
for line in open("mutants/results.txt", encoding="utf-8"):
    name, _, status = line.strip().rpartition(": ")
    if not name:
        continue
    module = name.split(".x_")[0].split(".xǁ")[0]
    counts[module][status] += 1
print(
    f"{'module':45} {'mutants':>8} {'killed':>7} {'survived':>9} {'no tests':>9} {'timeout':>8} {'unchecked':>10}"
    f" {'killed %':>9}"
)
for module, c in sorted(counts.items()):
    checked = sum(c.values()) - c["not checked"]
    share = f"{100 * (c['killed'] + c['timeout']) / checked:.1f}" if checked else "-"
    print(
        f"{module:45} {sum(c.values()):8} {c['killed']:7} {c['survived']:9} {c['no tests']:9} {c['timeout']:8}"
        f" {c['not checked']:10} {share:>9}"
    )
PY
