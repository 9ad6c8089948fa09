#!/usr/bin/env bash
# Debian packages the tests use besides Prometheus (install-promtool.sh): kcat, the librdkafka command-line
# client, for the interop test of a non-Python scraper (tests/integration/test_kcat_interop.py).
set -euo pipefail
if command -v kcat >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-tools: kcat is missing; run 'apt-get install -y --no-install-recommends kcat' as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache show kcat >/dev/null 2>&1; then
  apt-get update -qq
fi
apt-get install -y -qq --no-install-recommends kcat >/dev/null
echo "install-tools: $(kcat -V 2>&1 | head -n1)"
