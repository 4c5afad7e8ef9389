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

blob=$(gh_free_port); queue=$(gh_free_port); table=$(gh_free_port)
gh_log "Starting Azurite on 127.0.0.1:$blob/$queue/$table (in memory)"
gh_start_azurite "$work/azurite" "$blob" "$queue" "$table" --inMemoryPersistence
export GATEHOUSE_BENCH_STORAGE
GATEHOUSE_BENCH_STORAGE=$(gh_azurite_connection "$blob" "$queue" "$table")

gh_log "Running the limits benchmark"
dotnet "$project/bin/Release/net10.0/Gatehouse.Benchmarks.dll" limits "$@"
