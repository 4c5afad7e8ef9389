# Shared by run.sh, test.sh and ./gatehouse: installs what is missing into the repo and starts local services.
# Needs only the .NET SDK and Node.js (npm) on the machine.

GH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GH_TOOLS="$GH_ROOT/eng/tools"
GH_AZURITE="$GH_TOOLS/node_modules/.bin/azurite"
# Azurite's well-known development account key (public, documented; it guards nothing outside the emulator).
GH_AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

gh_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
gh_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

gh_require_tools() {
  command -v dotnet >/dev/null 2>&1 || gh_die "the .NET SDK is required (https://dot.net); 'dotnet' is not on PATH."
  command -v node >/dev/null 2>&1 || gh_die "Node.js (with npm) is required for the Azurite storage emulator."
  command -v npm >/dev/null 2>&1 || gh_die "npm is required (it comes with Node.js)."
  if [ ! -x "$GH_AZURITE" ]; then
    gh_log "Installing Azurite into eng/tools (npm ci)"
    (cd "$GH_TOOLS" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || gh_die "npm could not install Azurite."
  fi
}

gh_build() {
  gh_log "Building (dotnet build)"
  dotnet build "$GH_ROOT/Serverless.sln" -c Debug --nologo -v quiet -clp:NoSummary "$@" || gh_die "the build failed."
}

# Prints a free TCP port on 127.0.0.1.
gh_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Succeeds when something accepts TCP connections on 127.0.0.1:$1.
gh_port_open() {
  node -e 'const c=require("net").connect(+process.argv[1],"127.0.0.1");c.on("connect",()=>{c.end();process.exit(0)});c.on("error",()=>process.exit(1))' "$1"
}

# Waits up to $2 seconds for 127.0.0.1:$1 to accept connections.
gh_wait_port() {
  local port=$1 seconds=${2:-30} i
  for ((i = 0; i < seconds * 5; i++)); do
    gh_port_open "$port" && return 0
    sleep 0.2
  done
  return 1
}

# gh_start_azurite DIR BLOB QUEUE TABLE [--inMemoryPersistence]; sets GH_AZURITE_PID.
gh_start_azurite() {
  local dir=$1 blob=$2 queue=$3 table=$4; shift 4
  mkdir -p "$dir"
  # Azurite refuses --location together with --inMemoryPersistence.
  local where=(--location "$dir")
  [[ " $* " == *" --inMemoryPersistence "* ]] && where=()
  "$GH_AZURITE" --silent --skipApiVersionCheck --loose --disableProductStyleUrl \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" "${where[@]}" "$@" \
    >"$dir/azurite.log" 2>&1 &
  GH_AZURITE_PID=$!
  gh_wait_port "$table" 30 && gh_wait_port "$queue" 10 && gh_wait_port "$blob" 10 \
    || { cat "$dir/azurite.log" >&2; gh_die "Azurite did not start (log above)."; }
}

# gh_start_scratch_azurite WORKDIR: a throwaway in-memory Azurite on free ports (tests, benchmarks).
# Sets GH_AZURITE_PID and GH_AZURITE_CONNECTION; the caller stops it with gh_stop.
gh_start_scratch_azurite() {
  local blob queue table
  blob=$(gh_free_port); queue=$(gh_free_port); table=$(gh_free_port)
  gh_log "Starting Azurite on 127.0.0.1:$blob/$queue/$table (in memory)"
  gh_start_azurite "$1/azurite" "$blob" "$queue" "$table" --inMemoryPersistence
  GH_AZURITE_CONNECTION=$(gh_azurite_connection "$blob" "$queue" "$table")
}

# The connection string for Azurite on the given ports.
gh_azurite_connection() {
  local blob=$1 queue=$2 table=$3
  printf 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%s/devstoreaccount1;QueueEndpoint=http://127.0.0.1:%s/devstoreaccount1;TableEndpoint=http://127.0.0.1:%s/devstoreaccount1;' \
    "$GH_AZURITE_KEY" "$blob" "$queue" "$table"
}

# A random URL-safe secret (32 bytes).
gh_secret() { node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))'; }

# Stops processes: SIGTERM, up to 5 s to exit, then SIGKILL (Azurite with on-disk data can ignore SIGTERM).
gh_stop() {
  local pid i alive
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for ((i = 0; i < 50; i++)); do
    alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "$@"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}
