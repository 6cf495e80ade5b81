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
# The MPRIS tests run a private session bus and drive the player with playerctl.
[ "${1:-}" = test ] && system_packages+=(dbus playerctl)
[ "${1:-}" = bench ] && system_packages+=(dbus playerctl tmux pulseaudio pulseaudio-utils libasound2-plugins w3m lynx)

missing=()
for package in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
# Another apt or dpkg (unattended upgrades on a fresh machine's first boot, say) may hold
# the package locks: wait for it, saying so, instead of failing at once. apt-get waits
# for dpkg's lock itself with Lock::Timeout, but `apt-get update` does not wait for the
# lists lock, so look in /proc/locks first (dpkg and apt take POSIX locks).
lock_timeout=300
package_locks=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock)
lock_holder() {  # "LOCK PID" of the first package lock some process holds, if any
    local lock device inode id pid
    for lock in "${package_locks[@]}"; do
        [ -e "$lock" ] || continue
        device=$(stat -c %d "$lock") inode=$(stat -c %i "$lock")
        printf -v id '%02x:%02x:%s' $(((device >> 8) & 0xfff)) \
            $(((device & 0xff) | ((device >> 12) & 0xfff00))) "$inode"
        pid=$(awk -v id="$id" '$6 == id { print $5; exit }' /proc/locks 2>/dev/null)
        [ -n "$pid" ] && echo "$lock $pid" && return 0
    done
    return 1
}
wait_for_package_locks() {
    local deadline=$((SECONDS + lock_timeout)) holder lock pid name said=""
    while holder=$(lock_holder); do
        lock=${holder% *} pid=${holder#* }
        if [ -z "$said" ]; then
            name=$(cat "/proc/$pid/comm" 2>/dev/null || echo "another program")
            echo "setup: waiting for $name (process $pid) to release $lock" \
                "(up to $((lock_timeout / 60)) minutes)" >&2
            said=yes
        fi
        if [ $SECONDS -ge $deadline ]; then
            echo "setup: $lock is still held after $((lock_timeout / 60)) minutes;" \
                "run ./setup.sh again when the other package manager has finished" >&2
            exit 1
        fi
        sleep 1
    done
}

if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "setup: installing ${missing[*]}" >&2
    apt_wait=(-o "DPkg::Lock::Timeout=$lock_timeout")
    wait_for_package_locks
    $sudo apt-get "${apt_wait[@]}" update -qq
    wait_for_package_locks
    DEBIAN_FRONTEND=noninteractive $sudo apt-get "${apt_wait[@]}" install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null
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
