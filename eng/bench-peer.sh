#!/usr/bin/env bash
# Joins the shared peer benchmark (../shared/bench, or $BENCH_DIR) as its "custom" target: builds the gateway in
# Release, starts Azurite and the gateway pinned to the gateway core with its only provider pointed at the
# harness's mock upstream, creates a key, then runs run-peer.sh. Settings pass through (QUICK=1, TARGETS, ...).
# usage: eng/bench-peer.sh            e.g.  QUICK=1 TARGETS="direct custom" eng/bench-peer.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$GH_ROOT"
bench=${BENCH_DIR:-"$GH_ROOT/../shared/bench"}
[ -x "$bench/run-peer.sh" ] || gh_die "no benchmark harness at $bench (set BENCH_DIR)."

gh_require_tools
out="$GH_ROOT/artifacts/bench-gateway"
dotnet publish functions/Gatehouse.Functions -c Release -o "$out" --nologo -v quiet -nodeReuse:false >/dev/null

work=$(mktemp -d)
pids=()
cleanup() { [ "${#pids[@]}" -gt 0 ] && gh_stop "${pids[@]}"; rm -rf "$work"; }
trap cleanup EXIT

blob=$(gh_free_port); queue=$(gh_free_port); table=$(gh_free_port); port=$(gh_free_port)
gh_start_azurite "$work/azurite" "$blob" "$queue" "$table" --inMemoryPersistence
pids+=("$GH_AZURITE_PID")
admin=$(gh_secret)
# env, not shell assignments: alias names such as gpt-4o-mini are not valid shell variable names. The journal is the
# run's own: batches an earlier run left unsent (its Azurite is gone) must not be replayed into this one's.
env GATEHOUSE_ADMIN_KEY="$admin" Gatehouse__Keys__Pepper="$(gh_secret)" ASPNETCORE_ENVIRONMENT=Benchmark \
  Gatehouse__Storage__ConnectionString="$(gh_azurite_connection "$blob" "$queue" "$table")" \
  Gatehouse__Audit__Journal__Path="$work/journal" \
  Gatehouse__Providers__mock__Type=openai-compatible \
  Gatehouse__Providers__mock__BaseUrl="http://127.0.0.1:${MOCK_PORT:-18080}/v1" \
  Gatehouse__Models__gpt-4o-mini__Deployments__0__Provider=mock \
  Gatehouse__Models__gpt-4o-mini__Deployments__0__Model=gpt-4o-mini \
  Gatehouse__Models__text-embedding-3-small__Deployments__0__Provider=mock \
  Gatehouse__Models__text-embedding-3-small__Deployments__0__Model=text-embedding-3-small \
  Gatehouse__Models__text-embedding-3-small__Operations__0=embeddings \
  Logging__LogLevel__Default=Warning DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 \
  taskset -c "${GATEWAY_CPUS:-0}" dotnet "$out/Gatehouse.Functions.dll" --urls "http://127.0.0.1:$port" >"$out.log" 2>&1 &
gateway=$!
pids+=("$gateway")
gh_wait_port "$port" 60 || { cat "$out.log"; gh_die "the gateway did not start."; }

export GATEHOUSE_URL="http://127.0.0.1:$port" GATEHOUSE_ADMIN_KEY=$admin
dotnet "$out/Gatehouse.Functions.dll" tenants create --id bench --name Bench >/dev/null
key=$(dotnet "$out/Gatehouse.Functions.dll" keys create --tenant bench --models '*' --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).key))')

RESULTS_DIR="${RESULTS_DIR:-$GH_ROOT/artifacts/bench-results}" \
TARGET_URL="http://127.0.0.1:$port/v1" TARGET_HEADERS="Authorization: Bearer $key" TARGET_NAME=gatehouse \
TARGET_PID=$gateway TARGETS="${TARGETS:-direct portkey custom}" "$bench/run-peer.sh"
