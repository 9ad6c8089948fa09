#!/usr/bin/env bash
# Make sure `promtool` and `prometheus` are on PATH (Debian's `prometheus` package), without leaving a
# Prometheus service running: a policy-rc.d that denies every service start is in place during the install,
# and the service is stopped and disabled afterwards in case an init system started it anyway.
set -euo pipefail

if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-promtool: promtool is missing; run 'apt-get install -y --no-install-recommends prometheus' as root" >&2
  exit 1
fi

policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  created_policy=1
fi
cleanup() { if [ "$created_policy" = 1 ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
if ! apt-cache show prometheus >/dev/null 2>&1; then
  apt-get update -qq
fi
apt-get install -y -qq --no-install-recommends prometheus >/dev/null

# belt and braces: nothing may be left listening on :9090 in the background
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
if [ -x /etc/init.d/prometheus ]; then
  /etc/init.d/prometheus stop >/dev/null 2>&1 || true
fi
command -v promtool >/dev/null
echo "install-promtool: $(promtool --version 2>&1 | head -1)"
