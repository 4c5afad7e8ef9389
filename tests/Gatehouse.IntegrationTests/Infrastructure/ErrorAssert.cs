using System.Net;
using System.Text.Json.Nodes;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>Checks a response is the OpenAI error envelope with the expected status and code.</summary>
public static class ErrorAssert
{
    public static async Task<JsonNode> IsErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? param = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
        Assert.NotNull(error["type"]);
        Assert.True(error.AsObject().ContainsKey("param"));
        if (param is not null)
        {
            Assert.Equal(param, error["param"]!.GetValue<string>());
        }

        Assert.True(response.Headers.Contains("x-request-id"), "every response carries x-request-id");
        return error;
    }
}
