using System.Text.Json;

namespace Gatehouse.Hosting;

/// <summary>What the Functions host POSTs to <c>/{FunctionName}</c> for a non-HTTP trigger: binding data and trigger metadata.</summary>
internal sealed record CustomHandlerRequest(Dictionary<string, JsonElement>? Data, Dictionary<string, JsonElement>? Metadata);

/// <summary>
/// What the host expects back (HTTP 200): output bindings by name, log lines, and the return value.
/// Outputs are always objects, never bare strings: the host base64-decodes string outputs that look like base64.
/// </summary>
internal sealed record CustomHandlerResponse(Dictionary<string, object?> Outputs, IReadOnlyList<string> Logs, object? ReturnValue);
