#!/usr/bin/env bash
# Installs the system tools the test suite needs (bubblewrap for the proof sandbox) when they are missing.
# Runs before `npm test`, so the README's test command works on a fresh Debian machine. Needs root for apt-get;
# without it, it says what to install and the sandbox tests report the gap.
set -euo pipefail

missing=()
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v prlimit >/dev/null 2>&1 || missing+=(util-linux)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "yagura: missing system packages: ${missing[*]} (install them with your package manager)" >&2
  exit 0
fi
echo "yagura: installing ${missing[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
