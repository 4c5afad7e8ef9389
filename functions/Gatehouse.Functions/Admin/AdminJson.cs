using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gatehouse.Admin;

/// <summary>Admin API JSON: snake_case, like the OpenAI API it sits beside.</summary>
internal static class AdminJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>For request bodies: unknown fields are errors.</summary>
    public static JsonSerializerOptions StrictOptions { get; } = new(Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>The naming rules, also applied to the OpenAPI document's schemas.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        return options;
    }

    public static IResult Ok(object value) => Results.Json(value, Options);

    public static IResult Created(object value) => Results.Json(value, Options, statusCode: StatusCodes.Status201Created);

    public static IResult List<T>(IEnumerable<T> items) => Results.Json(new ListResponse<T>([.. items]), Options);
}

internal sealed record ListResponse<T>(IReadOnlyList<T> Data)
{
    public string Object { get; } = "list";
}
