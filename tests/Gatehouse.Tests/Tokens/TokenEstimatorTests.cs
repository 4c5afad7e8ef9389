using System.Text.Json.Nodes;
using Gatehouse.Providers;
using Gatehouse.Tokens;

namespace Gatehouse.Tests.Tokens;

/// <summary>Up-front token estimates: o200k_base text counts, OpenAI's chat framing, and the output a request allows.</summary>
public sealed class TokenEstimatorTests
{
    private static TokenEstimate Estimate(string json, ProviderOperation operation = ProviderOperation.ChatCompletions) =>
        TokenEstimator.Estimate(operation, JsonNode.Parse(json)!.AsObject(), defaultMaxOutput: 1024);

    [Fact]
    public void Text_IsCountedWithO200kBase()
    {
        Assert.Equal(4, TokenEstimator.Count("Hello, world!"));
        Assert.Equal(0, TokenEstimator.Count(""));
    }

    [Fact]
    public void Chat_CountsEachMessageWithItsFraming_AndThePrimedReply()
    {
        var estimate = Estimate("""{"model":"m","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello, world!","name":"ann"}],"max_tokens":50}""");

        var system = 3 + TokenEstimator.Count("system") + TokenEstimator.Count("Be brief.");
        var user = 3 + TokenEstimator.Count("user") + 4 + 1 + TokenEstimator.Count("ann");
        Assert.Equal(system + user + 3, estimate.Prompt);
        Assert.Equal(50, estimate.MaxOutput);
    }

    [Theory]
    [InlineData("""{"max_completion_tokens":70,"max_tokens":50}""", 70)]
    [InlineData("""{"max_tokens":50,"n":3}""", 150)]
    [InlineData("""{}""", 1024)]
    [InlineData("""{"max_tokens":"lots"}""", 1024)]
    public void Output_IsWhatTheRequestAllows_OrTheDefault(string fields, int expected)
    {
        var body = JsonNode.Parse(fields)!.AsObject();
        body["messages"] = new JsonArray();

        Assert.Equal(expected, TokenEstimator.Estimate(ProviderOperation.ChatCompletions, body, 1024).MaxOutput);
    }

    [Fact]
    public void ContentParts_TextIsCounted_ImagesAtTheLowDetailFloor()
    {
        var estimate = Estimate("""{"messages":[{"role":"user","content":[{"type":"text","text":"Hello, world!"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]}""");

        Assert.Equal(3 + TokenEstimator.Count("user") + 4 + 85 + 3, estimate.Prompt);
    }

    [Fact]
    public void ToolDefinitions_AreCountedAsTheirJson()
    {
        const string tools = """[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]""";
        var without = Estimate("""{"messages":[]}""");
        var with = Estimate($$"""{"messages":[],"tools":{{tools}}}""");

        Assert.Equal(TokenEstimator.Count(JsonNode.Parse(tools)!.ToJsonString()), with.Prompt - without.Prompt);
    }

    [Theory]
    [InlineData("""{"input":"Hello, world!"}""", 4)]
    [InlineData("""{"input":["Hello, world!","Hello, world!"]}""", 8)]
    [InlineData("""{"input":[[1,2,3],[4,5]]}""", 5)]
    public void Embeddings_CountTheInput_AndProduceNoOutput(string json, int expected)
    {
        var estimate = Estimate(json, ProviderOperation.Embeddings);

        Assert.Equal(expected, estimate.Prompt);
        Assert.Equal(0, estimate.MaxOutput);
    }
}
