#!/usr/bin/env bash
# Sets up everything reader needs on Debian/Ubuntu, then does what you ask:
#   ./setup.sh [SOURCE]   open SOURCE (default: the bundled sample article) in the reader
#   ./setup.sh test       run the checks: ruff, mypy --strict, pytest
#   ./setup.sh bench      run the benchmarks
# System packages are installed with apt-get (through sudo when not root) only when missing;
# Python packages come from requirements.lock into .venv, again only when it changed.
set -euo pipefail

# Files named on the command line are relative to where you are, not to this script.
arguments=()
for argument in "$@"; do
    if [ -e "$argument" ]; then
        argument="$(cd "$(dirname "$argument")" && pwd)/$(basename "$argument")"
    fi
    arguments+=("$argument")
done
set -- ${arguments[@]+"${arguments[@]}"}
cd "$(dirname "$0")"

system_packages=(espeak-ng libespeak-ng1 libportaudio2 python3 python3-venv)
[ "${1:-}" = bench ] && system_packages+=(tmux pulseaudio pulseaudio-utils libasound2-plugins w3m lynx)

missing=()
for package in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
stamp=.venv/.installed-lock
if ! cmp -s requirements.lock "$stamp" 2>/dev/null || [ pyproject.toml -nt "$stamp" ]; then
    echo "setup: installing Python packages into .venv" >&2
    .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
    .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
    cp requirements.lock "$stamp"
fi
# Bytecode for the package, as a regular install has it: start-up does not compile it again
# on every run where writing bytecode is turned off (PYTHONDONTWRITEBYTECODE).
.venv/bin/python -m compileall -q reader >/dev/null

case "${1:-}" in
    test)
        shift
        .venv/bin/ruff check reader tests benchmarks docs
        .venv/bin/ruff format --check reader tests benchmarks docs
        .venv/bin/mypy
        exec .venv/bin/pytest "$@"
        ;;
    bench)
        for script in benchmarks/*.py; do
            echo "== $script"
            .venv/bin/python "$script"
        done
        ;;
    *)
        exec .venv/bin/reader "${@:-reader/samples/cna-cambodia-scam-networks.html}"
        ;;
esac
