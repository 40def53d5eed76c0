#!/usr/bin/env bash
# Make sure the Debian packages the project relies on are installed.
#
#   scripts/ensure-system-packages.sh [--required] PACKAGE...
#
# Known packages and how their presence is checked:
#   graphviz      the `dot` command           (diagram rendering)
#   chromium      /usr/bin/chromium           (browser tests)
#   python3-venv  `python3 -m venv` can work  (creating .venv)
# Any other name is checked with dpkg.
#
# A missing package is installed with apt-get when that is allowed:
#   INSTALL_SYSTEM_PACKAGES=yes   always try
#   INSTALL_SYSTEM_PACKAGES=auto  (default) try when apt-get exists and we are
#                                 root or have password-less sudo
#   INSTALL_SYSTEM_PACKAGES=no    never try
# Otherwise, or when installing fails, a message says what is missing, what will
# not work without it and how to install it. The exit status is 0 then (the app
# still runs without them), unless --required is given: then it is 1.
set -uo pipefail

required=0
packages=()
for arg in "$@"; do
    case "$arg" in
        --required) required=1 ;;
        -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "ensure-system-packages: unknown option $arg" >&2; exit 2 ;;
        *) packages+=("$arg") ;;
    esac
done

PYTHON="${PYTHON:-python3}"

is_present() {
    case "$1" in
        graphviz) command -v dot >/dev/null 2>&1 ;;
        chromium) [ -x /usr/bin/chromium ] ;;
        # Debian ships the venv module without ensurepip, so `venv --help` works
        # even when creating an environment would fail; check for both.
        python3-venv) "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1 ;;
        *) dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' ;;
    esac
}

what_breaks() {
    case "$1" in
        graphviz) echo "architecture diagrams cannot be rendered (the rest of the app works)" ;;
        chromium) echo "browser tests (pytest -m browser) cannot run" ;;
        python3-venv) echo "'make setup' cannot create the .venv virtual environment" ;;
        *) echo "parts of the project that need it will not work" ;;
    esac
}

sudo_prefix=""
if [ "$(id -u)" -ne 0 ]; then
    sudo_prefix="sudo -n"
fi

install_allowed() {
    command -v apt-get >/dev/null 2>&1 || return 1
    case "${INSTALL_SYSTEM_PACKAGES:-auto}" in
        yes) return 0 ;;
        auto) [ -z "$sudo_prefix" ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; } ;;
        no) return 1 ;;
        *) echo "ensure-system-packages: INSTALL_SYSTEM_PACKAGES must be yes, auto or no" >&2; exit 2 ;;
    esac
}

updated=0
apt_install() {
    if [ "$updated" -eq 0 ]; then
        # Package lists on a fresh machine are empty or stale.
        $sudo_prefix apt-get update -qq || return 1
        updated=1
    fi
    $sudo_prefix env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1"
}

missing=0
for pkg in "${packages[@]}"; do
    is_present "$pkg" && continue
    if install_allowed; then
        echo "ensure-system-packages: installing $pkg"
        apt_install "$pkg" && is_present "$pkg" && continue
    fi
    missing=1
    {
        echo "Missing system package: $pkg"
        echo "  Without it, $(what_breaks "$pkg")."
        if command -v apt-get >/dev/null 2>&1; then
            as_root=$([ -n "$sudo_prefix" ] && echo "sudo ")
            echo "  Install it with: ${as_root}apt-get update && ${as_root}apt-get install -y $pkg"
            echo "  (or let this script do it: INSTALL_SYSTEM_PACKAGES=yes $0 $pkg)"
        else
            echo "  Install '$pkg' with your system's package manager."
        fi
    } >&2
done

if [ "$missing" -eq 1 ] && [ "$required" -eq 1 ]; then
    exit 1
fi
exit 0
