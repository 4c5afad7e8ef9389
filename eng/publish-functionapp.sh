#!/bin/sh
# Builds the zip-deployable Functions app folder: host.json, one folder per function (function.json) and the
# self-contained linux-x64 executable Gatehouse.Functions, all at the root. azd's prepackage hook runs this.
# usage: eng/publish-functionapp.sh [OUT_DIR]   (default: artifacts/functionapp)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/artifacts/functionapp"}
rm -rf "$out"
# No lingering build servers: they would outlive this script holding its caller's output pipes open.
dotnet publish "$root/functions/Gatehouse.Functions/Gatehouse.Functions.csproj" \
  -c Release -r linux-x64 --self-contained true -p:UseAppHost=true -o "$out" --nologo -v quiet \
  -nodeReuse:false -p:UseSharedCompilation=false
# The host starts the executable directly; zip deploys keep this bit when zipped on Linux/macOS.
chmod +x "$out/Gatehouse.Functions"
for required in host.json Proxy/function.json Admin/function.json Health/function.json AuditLogWriter/function.json CostRollup/function.json Alerts/function.json Gatehouse.Functions; do
  [ -e "$out/$required" ] || { echo "publish-functionapp: missing $required in $out" >&2; exit 1; }
done
echo "Functions app ready in $out"
