using System.Text.Json;
using System.Text.Json.Serialization;
using Gatehouse.Messaging;

namespace Gatehouse.Alerts;

/// <summary>
/// The <c>generic</c> body: the alert's own fields in snake_case (as on the <c>alerts</c> queue, fields without a value
/// left out) plus <c>title</c>, for any receiver that parses JSON.
/// </summary>
public static class GenericWebhookPayload
{
    private static readonly JsonSerializerOptions Json = new(MessageJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    public static string Create(AlertMessage alert)
    {
        var body = JsonSerializer.SerializeToNode(alert, Json)!.AsObject();
        body["title"] = AlertTitles.Title(alert);
        return body.ToJsonString();
    }
}
