#!/usr/bin/env bash
# The rate limiter benchmark (figures, not a timed test): builds it in Release, starts its own Azurite on free ports
# with in-memory storage, runs it, stops Azurite. Options pass through, e.g.
#   eng/bench-limits.sh --duration 30 --keys 200 --rate 8000
# (also: --requests --instances --key-rpm --tenant-rpm --workers --lease-fraction, or GATEHOUSE_BENCH_* variables).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$GH_ROOT"

gh_require_tools
project="$GH_ROOT/tests/Gatehouse.Benchmarks"
gh_log "Building the benchmark (Release)"
dotnet build "$project" -c Release --nologo -v quiet -clp:NoSummary || gh_die "the build failed."

work=$(mktemp -d)
cleanup() {
  [ -n "${GH_AZURITE_PID:-}" ] && gh_stop "$GH_AZURITE_PID"
  rm -rf "$work"
}
trap cleanup EXIT

gh_start_scratch_azurite "$work"
export GATEHOUSE_BENCH_STORAGE="$GH_AZURITE_CONNECTION"

gh_log "Running the limits benchmark"
dotnet "$project/bin/Release/net10.0/Gatehouse.Benchmarks.dll" limits "$@"
