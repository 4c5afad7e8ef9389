using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gatehouse.Admin;

/// <summary>Admin API JSON: snake_case, like the OpenAI API it sits beside.</summary>
internal static class AdminJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static IResult Ok(object value) => Results.Json(value, Options);

    public static IResult Created(object value) => Results.Json(value, Options, statusCode: StatusCodes.Status201Created);

    public static IResult List<T>(IEnumerable<T> items) => Results.Json(new { @object = "list", data = items }, Options);
}
