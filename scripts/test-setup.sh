#!/usr/bin/env bash
# Installs what the test suite needs beyond npm, on Debian/Ubuntu:
#   - python3-pykmip: PyKMIP client + `pykmip-server`, used by test/interop
#     (imported with /usr/bin/python3, the distribution's interpreter)
#   - openssl: the CLI generates throwaway CAs and certificates for the tests
#   - libsodium23: an Ed25519ph implementation independent of custos, loaded by
#     test/kms/crypto-sign-ed25519ph.test.ts through python3's ctypes
#
# Idempotent and fast when everything is present (no apt call at all).
# Runs apt-get non-interactively, as root or through sudo; tries without
# `apt-get update` first and refreshes the package lists only if that fails.
# Exits non-zero with a clear message if something cannot be installed.
set -euo pipefail

PYTHON=/usr/bin/python3

say() { printf 'test-setup: %s\n' "$*" >&2; }
die() {
  say "ERROR: $*"
  exit 1
}

# Fast checks (a few ms): importing PyKMIP takes 0.3-0.6 s, so the real
# import is only tried after installing.
dpkg_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}
have_pykmip() {
  [ -x "$PYTHON" ] && dpkg_installed python3-pykmip &&
    [ -f /usr/lib/python3/dist-packages/kmip/services/server/server.py ]
}
can_import_pykmip() {
  "$PYTHON" -I -c 'import kmip.pie.client, kmip.services.server' >/dev/null 2>&1
}
have_openssl() { command -v openssl >/dev/null 2>&1; }
have_sodium() { dpkg_installed libsodium23; }

missing=()
have_pykmip || missing+=(python3-pykmip)
have_openssl || missing+=(openssl)
have_sodium || missing+=(libsodium23)

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

say "installing missing system packages: ${missing[*]}"

command -v apt-get >/dev/null 2>&1 ||
  die "apt-get not found; install ${missing[*]} by hand (Debian 12 package names)."

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  die "not root and no password-less sudo; run as root: apt-get install -y ${missing[*]}"
fi

apt() {
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get \
    -y -q -o Dpkg::Use-Pty=0 --no-install-recommends "$@"
}

if ! apt install "${missing[@]}" >&2; then
  say "install failed; refreshing package lists (apt-get update) and retrying"
  apt update >&2 || die "apt-get update failed"
  apt install "${missing[@]}" >&2 || die "apt-get install ${missing[*]} failed"
fi

can_import_pykmip || die "python3-pykmip installed but '$PYTHON -c \"import kmip\"' still fails"
have_openssl || die "openssl installed but not on PATH"
say "done"
