#!/usr/bin/env bash
# Regenerate the lock files the container image installs from, out of pyproject.toml:
#   requirements.lock        runtime dependencies ([project] dependencies, extras included)
#   requirements-build.lock  the build backend ([build-system] requires)
# Every distribution file is pinned by sha256, so `pip install --require-hashes` refuses anything else.
#
#   scripts/lock.sh             keep existing pins, re-resolve only what pyproject.toml changed
#   scripts/lock.sh --upgrade   move everything to the newest versions pyproject.toml allows
#
# Run it after every change to the dependencies in pyproject.toml and commit the lock files with it
# (the image build runs `pip check`, which fails when pyproject.toml asks for something the lock lacks).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
TOOLS=build/lock-venv
PIP_TOOLS_VERSION=7.6.2

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "lock.sh: the image runs Python 3.11; run this with a Python 3.11 (PYTHON=python3.11 $0)" >&2
    exit 1
fi

# Resolve against PyPI alone: ignore this machine's pip configuration (local wheel folders, extra
# indexes, constraints), so that the lock is the same wherever it is made.
export PIP_CONFIG_FILE=/dev/null
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_CONSTRAINT PIP_REQUIRE_VIRTUALENV
export CUSTOM_COMPILE_COMMAND="scripts/lock.sh"

if [[ ! -x $TOOLS/bin/pip-compile ]] || ! "$TOOLS/bin/pip-compile" --version | grep -q " $PIP_TOOLS_VERSION\$"; then
    rm -rf "$TOOLS"
    "$PYTHON" -m venv "$TOOLS"
    "$TOOLS/bin/pip" install --quiet "pip-tools==$PIP_TOOLS_VERSION"
fi

common=(--quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links "$@")
"$TOOLS/bin/pip-compile" "${common[@]}" --output-file requirements.lock pyproject.toml
"$TOOLS/bin/pip-compile" "${common[@]}" --only-build-deps --all-build-deps \
    --output-file requirements-build.lock pyproject.toml
echo "lock.sh: wrote requirements.lock ($(grep -c '^[a-z0-9]' requirements.lock) packages)" \
     "and requirements-build.lock ($(grep -c '^[a-z0-9]' requirements-build.lock) packages)"
