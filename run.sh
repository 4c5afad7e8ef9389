#!/usr/bin/env bash
# Runs Gatehouse locally with the demo config: installs what is missing, starts Azurite, the demo provider
# (a local server speaking the OpenAI wire format) and the gateway on http://127.0.0.1:7071, creates a demo
# tenant and key, and prints the key with working curl commands. Ctrl-C stops everything.
# With OPENAI_API_KEY set, the gpt-4o-mini alias goes to OpenAI instead of the demo provider.
# usage: ./run.sh            run until Ctrl-C
#        ./run.sh --smoke    start on free ports, send one plain and one streamed request, stop (used by CI)
set -euo pipefail
source "$(dirname "$0")/eng/lib.sh"
cd "$GH_ROOT"

smoke=0
case "${1:-}" in
  --smoke) smoke=1 ;;
  "") ;;
  *) gh_die "usage: ./run.sh [--smoke]" ;;
esac

gh_require_tools
gh_build

# Local secrets: the admin key (GATEHOUSE_ADMIN_KEY from the environment wins) and the key-hashing pepper.
mkdir -p .local
secrets=.local/dev.env
if [ ! -f "$secrets" ]; then
  umask 077
  { echo "GATEHOUSE_ADMIN_KEY=$(gh_secret)"; echo "Gatehouse__Keys__Pepper=$(gh_secret)"; } >"$secrets"
fi
env_admin_key=${GATEHOUSE_ADMIN_KEY:-}
set -a; source "$secrets"; set +a
if [ -n "$env_admin_key" ]; then
  GATEHOUSE_ADMIN_KEY=$env_admin_key
  admin_key_origin="from your environment (GATEHOUSE_ADMIN_KEY)"
else
  admin_key_origin="generated, stored in .local/dev.env"
fi
# The demo keeps prompts and answers in the audit log, redacted and encrypted under a local key (README "Prompt and
# response bodies"); an older .local/dev.env gets the key added.
if ! grep -q '^Gatehouse__Audit__Bodies__Keys__dev=' "$secrets"; then
  echo "Gatehouse__Audit__Bodies__Keys__dev=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')" >>"$secrets"
  set -a; source "$secrets"; set +a
fi
export GATEHOUSE_ADMIN_KEY Gatehouse__Keys__Pepper Gatehouse__Audit__Bodies__Keys__dev
export Gatehouse__Audit__Bodies__Mode=redacted Gatehouse__Audit__Bodies__ActiveKeyId=dev

pids=()
# Newest first, one at a time: the gateway sends what it still buffers (audit, usage) while Azurite is up.
cleanup() {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do gh_stop "${pids[$i]}"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$smoke" = 1 ]; then
  blob=$(gh_free_port); queue=$(gh_free_port); table=$(gh_free_port)
  demo_port=$(gh_free_port); gateway_port=$(gh_free_port)
  smoke_dir=$(mktemp -d)
  azurite_dir=$smoke_dir/azurite
  # A throwaway Azurite gets a throwaway journal: nothing another run left unsent is replayed into it.
  export Gatehouse__Audit__Journal__Path="$smoke_dir/journal"
else
  blob=10000; queue=10001; table=10002; demo_port=18081; gateway_port=7071
  azurite_dir=.local/azurite
  # Beside Azurite's data, so batches a stopped gateway left unsent are sent by the next ./run.sh.
  export Gatehouse__Audit__Journal__Path="$PWD/.local/journal"
fi

if [ "$smoke" = 0 ] && gh_port_open "$table"; then
  gh_log "Azurite (or another table service) already listening on $table; using it"
else
  gh_log "Starting Azurite on 127.0.0.1:$blob/$queue/$table (data in $azurite_dir)"
  gh_start_azurite "$azurite_dir" "$blob" "$queue" "$table"
  pids+=("$GH_AZURITE_PID")
fi

gh_port_open "$gateway_port" && gh_die "port $gateway_port is busy; is another gateway running?"
gh_log "Starting the demo provider on 127.0.0.1:$demo_port"
dotnet tests/Gatehouse.TestDoubles/bin/Debug/net10.0/Gatehouse.TestDoubles.dll openai --port "$demo_port" >.local/demo-provider.log 2>&1 &
pids+=($!)

gateway_url="http://127.0.0.1:$gateway_port"
gh_log "Starting the gateway on $gateway_url"
ASPNETCORE_ENVIRONMENT=Development \
Gatehouse__Storage__ConnectionString="$(gh_azurite_connection "$blob" "$queue" "$table")" \
Gatehouse__Providers__demo__BaseUrl="http://127.0.0.1:$demo_port/v1" \
  ./gatehouse serve --urls "$gateway_url" \
  > >(tee .local/gateway.log) 2>&1 &
gateway_pid=$!
pids+=("$gateway_pid")
gh_wait_port "$demo_port" 30 || gh_die "the demo provider did not start (.local/demo-provider.log)."
gh_wait_port "$gateway_port" 60 || gh_die "the gateway did not start (.local/gateway.log)."

export GATEHOUSE_URL=$gateway_url
./gatehouse tenants create --id demo --name "Demo tenant" >/dev/null 2>&1 || true
key_json=$(./gatehouse keys create --tenant demo --name run-sh --models '*' --json) || gh_die "could not create the demo key."
key=$(node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).key))' <<<"$key_json")

if [ "$smoke" = 1 ]; then
  gh_log "Smoke test: one plain and one streamed chat completion through the gateway"
  node - "$gateway_url" "$key" <<'JS'
const [url, key] = process.argv.slice(2);
const call = (stream) => fetch(`${url}/v1/chat/completions`, {
  method: "POST",
  headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
  body: JSON.stringify({ model: "gpt-4o-mini", stream, messages: [{ role: "user", content: "Say hello" }] }),
});
(async () => {
  const plain = await call(false);
  const body = await plain.json();
  if (plain.status !== 200 || !body.choices?.[0]?.message?.content) throw new Error(`plain: ${plain.status} ${JSON.stringify(body)}`);
  const streamed = await call(true);
  const text = await streamed.text();
  if (streamed.status !== 200 || !text.includes("data: [DONE]")) throw new Error(`stream: ${streamed.status} ${text}`);
  console.log(`smoke ok: ${body.choices[0].message.content.slice(0, 60)}... / ${text.split("\n\n").length - 1} SSE events`);
})().catch((e) => { console.error(e.message); process.exit(1); });
JS
  gh_log "Smoke test: the requests reach the spend rollups and a verified audit chain through the queues"
  today=$(date -u +%Y-%m-%d)
  for _ in $(seq 1 120); do
    spend=$(./gatehouse report spend --tenant demo --days 1 --json 2>/dev/null || true)
    requests=$(node -e 'try{console.log(JSON.parse(require("fs").readFileSync(0,"utf8")).total.requests)}catch{console.log(0)}' <<<"$spend")
    [ "${requests:-0}" -ge 2 ] && break
    sleep 1
  done
  [ "${requests:-0}" -ge 2 ] || gh_die "the smoke requests did not reach the UsageRollups table within 120 s."
  ./gatehouse audit verify --tenant demo --day "$today" || gh_die "the demo tenant's audit chain did not verify."
  echo "smoke ok: $requests requests in the spend report; audit chain verified"
  exit 0
fi

cat <<MSG

Gatehouse is running on $gateway_url (Ctrl-C stops it, Azurite and the demo provider).
  admin key: $admin_key_origin
  demo key:  $key   (tenant 'demo', all models; shown once)
  upstream:  $( [ -n "${OPENAI_API_KEY:-}" ] && echo "OpenAI (OPENAI_API_KEY is set)" || echo "the local demo provider on 127.0.0.1:$demo_port" )

Try it:
  curl -s $gateway_url/v1/chat/completions -H "Authorization: Bearer $key" \\
    -H 'content-type: application/json' -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello!"}]}'

  curl -N $gateway_url/v1/chat/completions -H "Authorization: Bearer $key" \\
    -H 'content-type: application/json' -d '{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Hello!"}]}'

  ./gatehouse keys list --tenant demo
  ./gatehouse report spend --tenant demo --days 1          # a few seconds after the calls
  ./gatehouse audit verify --tenant demo --day $(date -u +%Y-%m-%d)
  ./gatehouse audit body --tenant demo --day $(date -u +%Y-%m-%d) --request <x-request-id of a call>
MSG
wait "$gateway_pid"
