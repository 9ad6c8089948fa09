#!/usr/bin/env bash
# The full benchmark (≈13 min): bench/results/<UTC time>.json, load average included. Extra args go to
# `wirewatch bench` (e.g. --bootstrap HOST:PORT, --data PATH).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
mkdir -p "$HERE/results"
out="$HERE/results/$(date -u +%Y%m%dT%H%M%SZ).json"
echo "load before: $(cat /proc/loadavg)" >&2
"$REPO/.venv/bin/wirewatch" bench --format json "$@" >"$out"
echo "load after: $(cat /proc/loadavg)" >&2
"$REPO/.venv/bin/python" - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
keys = ("detector_articles_per_s", "detector_words_per_s", "tokenizer_words_per_s", "e2e_articles_per_s",
        "e2e_p99_ms_at_50", "scaleout_ratio", "peak_rss_mb")
print(sys.argv[1]); print(json.dumps({k: r.get(k) for k in keys}, indent=1))
PY
