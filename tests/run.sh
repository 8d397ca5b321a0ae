#!/usr/bin/env bash
# The whole test suite on a fresh machine (Python 3.11 + pip): installs the test dependencies,
# Debian's chromium and a CJK font for the real-browser tests, then runs the static checks
# (ruff check, ruff format --check, mypy bishui, sqlfluff lint queries/: tests/test_lint.py; a finding
# stops here) and the rest of the suite.
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

# nginx (and openssl for a throwaway certificate) for the replicas-behind-a-proxy test (tests/test_deploy_proxy.py)
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ] || ! command -v openssl >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update -q -o DPkg::Lock::Timeout=300
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=300 nginx openssl
fi

# LibreOffice (the briefing's PDF) and poppler (tests read the PDF back and draw its pages)
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update -q -o DPkg::Lock::Timeout=300
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=300 \
        libreoffice-writer-nogui poppler-utils
fi

if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "cjk"; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update -q -o DPkg::Lock::Timeout=300
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=300 \
        chromium fonts-noto-cjk
fi

# static checks first: a finding fails CI before the long suite runs
python -m pytest -q -p no:xdist tests/test_lint.py
python -m pytest -q -n 2 --dist loadfile --ignore=tests/test_lint.py "$@"
