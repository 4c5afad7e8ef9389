using System.Text.Json.Nodes;

namespace Gatehouse.Admin;

/// <summary>A stored body, decrypted: <c>{"request_id","mode","key_id","prompt","response","truncated"}</c>.</summary>
internal sealed record AuditBodyResponse(string RequestId, string Mode, string KeyId, JsonNode? Prompt, JsonNode? Response, bool Truncated);
