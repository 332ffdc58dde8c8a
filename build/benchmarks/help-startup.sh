#!/usr/bin/env bash
# Benchmark (not a test): warm `./build.sh --help` against NUKE's bootstrap pattern on the same build project
# (`dotnet build` + `dotnet run --no-build`) and a bare `dotnet --version` launch, all measured in this run.
# Usage: build/benchmarks/help-startup.sh [runs] [bootstrap-runs]     Prints medians in ms and the ratios.
set -euo pipefail

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-15}"
BOOTSTRAP_RUNS="${2:-3}"
PROJECT="$ROOT_DIR/build/_build/_build.csproj"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Median wall time in ms of running "$@" $count times (output discarded).
median_ms() {
    local count="$1"
    shift
    local samples=() start end
    for ((i = 0; i < count; i++)); do
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1
        end=$(date +%s%N)
        samples+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${samples[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# Median CPU time (user + system) in ms: on a loaded machine wall time mostly measures waiting for a core.
median_cpu_ms() {
    local count="$1"
    shift
    local samples=() line
    for ((i = 0; i < count; i++)); do
        line=$({ TIMEFORMAT='%U %S'; time "$@" >/dev/null 2>&1; } 2>&1)
        samples+=("$(awk '{ printf "%d", ($1 + $2) * 1000 }' <<<"$line")")
    done
    printf '%s\n' "${samples[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# The bootstrap compiles into its own artifacts folder: the build's bin/ and obj/ (possibly in use by a running build,
# e.g. the Benchmark target that calls this script) are never written.
ARTIFACTS="$(mktemp -d "${TMPDIR:-/tmp}/help-startup-artifacts.XXXXXX")"
trap 'rm -rf "$ARTIFACTS"' EXIT
nuke_bootstrap() {
    dotnet build "$PROJECT" -nologo -v quiet --artifacts-path "$ARTIFACTS" &&
        dotnet run --project "$PROJECT" --no-build --artifacts-path "$ARTIFACTS" -- --help
}

"$ROOT_DIR/build.sh" --help >/dev/null # warm: compiles once if needed and writes the stamp
help_ms=$(median_ms "$RUNS" "$ROOT_DIR/build.sh" --help)
dotnet_ms=$(median_ms "$RUNS" dotnet --version)
help_cpu_ms=$(median_cpu_ms "$RUNS" "$ROOT_DIR/build.sh" --help)
dotnet_cpu_ms=$(median_cpu_ms "$RUNS" dotnet --version)
nuke_bootstrap >/dev/null 2>&1 || { echo "error: dotnet build + dotnet run of $PROJECT failed" >&2; exit 1; } # warm: first compile
nuke_ms=$(median_ms "$BOOTSTRAP_RUNS" nuke_bootstrap)

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a), cores: $(nproc 2>/dev/null || echo n/a)"
echo "./build.sh --help (warm, median of $RUNS):                 ${help_ms} ms"
echo "dotnet --version (baseline launch, median of $RUNS):       ${dotnet_ms} ms"
echo "CPU time (user+sys, median): ./build.sh --help ${help_cpu_ms} ms, dotnet --version ${dotnet_cpu_ms} ms"
echo "dotnet build + dotnet run --no-build (median of $BOOTSTRAP_RUNS): ${nuke_ms} ms"
awk -v h="$help_ms" -v n="$nuke_ms" -v d="$dotnet_ms" 'BEGIN {
    printf "speed-up over build+run: %.1fx (goal >= 7x); vs dotnet --version: %.2fx; goal <= 300 ms: %s\n",
        n / h, h / d, (h <= 300 ? "met" : "not met")
}'
