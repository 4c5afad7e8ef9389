using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gatehouse.Messaging;

/// <summary>The one JSON shape for queue messages (snake_case, like the rest of the gateway's wire).</summary>
public static class MessageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
