#!/usr/bin/env bash
# Runs every test. Installs what is missing (Azurite via npm into eng/tools), builds, starts its own Azurite on
# free ports with in-memory storage, runs the unit and integration tests, stops Azurite, and prints a summary line.
# Extra arguments go to 'dotnet test' (e.g. ./test.sh --filter FullyQualifiedName~Keys).
set -euo pipefail
source "$(dirname "$0")/eng/lib.sh"
cd "$GH_ROOT"

gh_require_tools
gh_build

work=$(mktemp -d)
results="$GH_ROOT/artifacts/test-results"
rm -rf "$results"
cleanup() {
  [ -n "${GH_AZURITE_PID:-}" ] && gh_stop "$GH_AZURITE_PID"
  rm -rf "$work"
}
trap cleanup EXIT

gh_start_scratch_azurite "$work"
export GATEHOUSE_TEST_STORAGE="$GH_AZURITE_CONNECTION"

gh_log "Running tests"
status=0
dotnet test "$GH_ROOT/Serverless.sln" --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" || status=$?

# One closing line in the plain 'N passed, N failed' form, summed over the test projects.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "error: no test ran" >&2
  exit 1
fi
exit "$status"
