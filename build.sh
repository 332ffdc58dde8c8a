#!/usr/bin/env bash
# Bootstrap of the build, NUKE style: makes sure the pinned .NET SDK is there, compiles build/_build when its
# sources changed, and runs it with the given arguments. Unchanged sources skip MSBuild entirely (fast path).
set -euo pipefail

# The run's clock starts here: the build (exec'd below, so it keeps this pid) counts its wall time from this moment.
mark_launch() {
    local t="${EPOCHREALTIME:-}"
    t="${t/[.,]/}"
    if [[ ${#t} -gt 3 ]]; then export SHIPYARD_LAUNCHED="$$:${t:0:${#t}-3}"; fi
}
mark_launch

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMP_DIR="$ROOT_DIR/.nuke/temp"
BUILD_PROJECT="$ROOT_DIR/build/_build/_build.csproj"
BUILD_EXE="$ROOT_DIR/build/_build/bin/Debug/net10.0/_build"
STAMP_FILE="$TEMP_DIR/build.stamp"
LOCAL_DOTNET_DIR="$TEMP_DIR/dotnet"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_MULTILEVEL_LOOKUP=0

if [[ -x "$LOCAL_DOTNET_DIR/dotnet" ]]; then
    export DOTNET_ROOT="$LOCAL_DOTNET_DIR"
    export PATH="$LOCAL_DOTNET_DIR:$PATH"
fi

# Paths, sizes and modification times of every build source: any edit, addition or removal changes it.
fingerprint() {
    (
        cd "$ROOT_DIR"
        find build/_build build/Shipyard.Engine build/Shipyard.Delivery build/Shipyard.Benchmarks build/tests/Shipyard.Testing \
            \( -name bin -o -name obj \) -prune -o -type f -printf '%p %T@ %s\n'
        find . -maxdepth 1 \( -name global.json -o -name 'Directory.*.props' \) -printf '%p %T@ %s\n'
    ) | cksum
}

# global.json pins "version" with rollForward latestFeature: same major.minor, same or later feature band.
pinned_sdk_version() {
    sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$ROOT_DIR/global.json" | head -n 1
}

has_compatible_sdk() {
    local wanted="$1" major minor patch
    IFS=. read -r major minor patch <<<"$wanted"
    command -v dotnet >/dev/null 2>&1 || return 1
    dotnet --list-sdks 2>/dev/null | awk -v M="$major" -v m="$minor" -v p="${patch%%-*}" '
        { split($1, v, "."); split(v[3], q, "-") }
        v[1] == M && v[2] == m && (int(q[1] / 100) > int(p / 100) || (int(q[1] / 100) == int(p / 100) && q[1] + 0 >= p + 0)) { found = 1 }
        END { exit found ? 0 : 1 }'
}

ensure_sdk() {
    local version
    version="$(pinned_sdk_version)"
    has_compatible_sdk "$version" && return 0
    echo "Installing .NET SDK $version into .nuke/temp/dotnet ..."
    mkdir -p "$TEMP_DIR"
    local installer="$TEMP_DIR/dotnet-install.sh"
    if ! curl -fsSL --retry 2 --connect-timeout 10 https://dot.net/v1/dotnet-install.sh -o "$installer" 2>/dev/null ||
        ! bash "$installer" --version "$version" --install-dir "$LOCAL_DOTNET_DIR" --no-path >/dev/null 2>&1; then
        echo "error: .NET SDK $version (or a later ${version%.*}.x feature band) is not installed and could not be downloaded (offline?); install it from https://dotnet.microsoft.com/download and retry." >&2
        exit 1
    fi
    export DOTNET_ROOT="$LOCAL_DOTNET_DIR"
    export PATH="$LOCAL_DOTNET_DIR:$PATH"
}

current="$(fingerprint)"
if [[ -x "$BUILD_EXE" && -f "$STAMP_FILE" && "$(cat "$STAMP_FILE")" == "$current" ]]; then
    exec "$BUILD_EXE" "$@"
fi

ensure_sdk
echo "Compiling the build..."
mkdir -p "$TEMP_DIR"
if ! log="$(dotnet build "$BUILD_PROJECT" -nologo -v quiet -clp:'ErrorsOnly;NoSummary' 2>&1)"; then
    echo "$log" >&2
    rm -f "$STAMP_FILE"
    exit 1
fi
echo "$current" >"$STAMP_FILE.tmp" && mv "$STAMP_FILE.tmp" "$STAMP_FILE"
mark_launch # compiling the build is not part of the run's own time
exec "$BUILD_EXE" "$@"
