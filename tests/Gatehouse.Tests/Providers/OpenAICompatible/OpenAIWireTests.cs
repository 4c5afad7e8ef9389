using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Providers.OpenAICompatible;

namespace Gatehouse.Tests.Providers.OpenAICompatible;

/// <summary>The body sent upstream: the client's, with the deployment's model and, when the gateway wants it, stream usage.</summary>
public sealed class OpenAIWireTests
{
    private static JsonObject Written(string body, bool addStreamUsage) =>
        JsonNode.Parse(Encoding.UTF8.GetString(OpenAIWire.WriteBody(JsonNode.Parse(body)!.AsObject(), "gpt-4o-mini-2024-07-18", addStreamUsage)))!.AsObject();

    [Fact]
    public void ModelIsReplaced_EverythingElsePassesAsItWas()
    {
        var sent = Written("""{"model":"alias","stream":true,"seed":7,"tools":null,"stream_options":{"include_usage":false}}""", addStreamUsage: false);

        Assert.Equal("gpt-4o-mini-2024-07-18", sent["model"]!.GetValue<string>());
        Assert.Equal(7, sent["seed"]!.GetValue<int>());
        Assert.True(sent.ContainsKey("tools"));
        Assert.False(sent["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""{"model":"alias","stream":true}""")]
    [InlineData("""{"model":"alias","stream":true,"stream_options":{"include_usage":false,"include_obfuscation":false}}""")]
    public void AddStreamUsage_SetsIncludeUsage_AndKeepsTheClientsOtherStreamOptions(string body)
    {
        var sent = Written(body, addStreamUsage: true);

        var options = sent["stream_options"]!.AsObject();
        Assert.True(options["include_usage"]!.GetValue<bool>());
        Assert.Equal(body.Contains("include_obfuscation", StringComparison.Ordinal), options.ContainsKey("include_obfuscation"));
        Assert.Single(sent, member => member.Key == "stream_options");
    }
}
