using System.Text.Json.Nodes;
using Gatehouse.Providers;
using Gatehouse.Tokens;

namespace Gatehouse.Tests.Tokens;

/// <summary>Token counts: text per encoding, OpenAI's chat framing, tools and tool calls, answers, and the output a request allows.</summary>
public sealed class TokenEstimatorTests
{
    private static int Prompt(string json, string model) =>
        TokenEstimator.CountPrompt(ProviderOperation.ChatCompletions, JsonNode.Parse(json)!.AsObject(), model);

    // One text's tokens in the model's encoding, built from a body whose only text is that string.
    private static int Count(string text, string model) =>
        TokenEstimator.CountPrompt(ProviderOperation.Embeddings, new JsonObject { ["input"] = text }, model);

    /// <summary>Prompt (o200k_base) and allowed output, as the gateway charges a request up front.</summary>
    private static (int Prompt, int MaxOutput) Estimate(string json, ProviderOperation operation = ProviderOperation.ChatCompletions)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        return (TokenEstimator.CountPrompt(operation, body, TokenEncoding.O200kBase), TokenEstimator.MaxOutput(operation, body, 1024));
    }

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

        Assert.Equal(expected, TokenEstimator.MaxOutput(ProviderOperation.ChatCompletions, body, 1024));
    }

    [Fact]
    public void ContentParts_TextIsCounted_ImagesAtTheLowDetailFloor()
    {
        var estimate = Estimate("""{"messages":[{"role":"user","content":[{"type":"text","text":"Hello, world!"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]}""");

        Assert.Equal(3 + TokenEstimator.Count("user") + 4 + 85 + 3, estimate.Prompt);
    }

    [Theory]
    [InlineData("gpt-4o", 7)]
    [InlineData("gpt-4", 10)]
    public void ToolDefinitions_FollowTheCookbookScheme(string model, int functionStart)
    {
        // A function without parameters: its start, "name:description" without the final period, and the list's end (12).
        const string tools = """[{"type":"function","function":{"name":"get_time","description":"Current time.","parameters":{"type":"object","properties":{}}}}]""";
        var without = Prompt("""{"messages":[]}""", model);
        var with = Prompt($$"""{"messages":[],"tools":{{tools}}}""", model);

        Assert.Equal(functionStart + Count("get_time:Current time", model) + 12, with - without);
    }

    [Fact]
    public void ToolDefinitions_NestedSchema_IsCountedToo()
    {
        const string flat = """{"name":"f","parameters":{"type":"object","properties":{"q":{"type":"object","description":"A query"}}}}""";
        const string nested = """{"name":"f","parameters":{"type":"object","properties":{"q":{"type":"object","description":"A query","properties":{"text":{"type":"string","description":"Words to look for in every document"}}}}}}""";

        var difference = Prompt($$"""{"tools":[{"type":"function","function":{{nested}}}]}""", "gpt-4o")
            - Prompt($$"""{"tools":[{"type":"function","function":{{flat}}}]}""", "gpt-4o");

        Assert.Equal(Count("properties", "gpt-4o") + Count(JsonNode.Parse(nested)!["parameters"]!["properties"]!["q"]!["properties"]!.ToJsonString(), "gpt-4o"), difference);
    }

    [Fact]
    public void AssistantToolCalls_CountNameAndArgumentsPlusFraming_ToolResultsLikeMessages()
    {
        const string call = """{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}""";
        const string result = """{"role":"tool","tool_call_id":"call_1","content":"18C and sunny"}""";

        var tokens = Prompt($$"""{"messages":[{{call}},{{result}}]}""", "gpt-4o");

        var callMessage = 3 + Count("assistant", "gpt-4o") + 3 + Count("get_weather", "gpt-4o") + Count("{\"city\":\"Paris\"}", "gpt-4o");
        var resultMessage = 3 + Count("tool", "gpt-4o") + Count("call_1", "gpt-4o") + Count("18C and sunny", "gpt-4o");
        Assert.Equal(callMessage + resultMessage + 3, tokens);
    }

    [Fact]
    public void UnknownFamily_IsTheO200kCountTimesTheFactor_RoundedUp()
    {
        const string body = """{"messages":[{"role":"user","content":"Summarise the attached quarterly report in three bullet points."}]}""";
        var o200k = Prompt(body, "gpt-4o");

        var approximate = Prompt(body, "claude-sonnet-4");

        Assert.Equal((int)Math.Ceiling(o200k * TokenEncoding.ApproximationFactor), approximate);
        Assert.True(approximate > o200k);
    }

    [Fact]
    public void CountCompletion_CountsContentRefusalAndToolCalls_OfEveryChoice()
    {
        var response = JsonNode.Parse("""
            {"choices":[
              {"index":0,"message":{"role":"assistant","content":"Hello, world!","refusal":null}},
              {"index":1,"message":{"role":"assistant","content":null,"refusal":"I can't help with that."}},
              {"index":2,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}}
            ]}
            """)!.AsObject();

        var expected = Count("Hello, world!", "gpt-4") + Count("I can't help with that.", "gpt-4")
            + Count("get_weather", "gpt-4") + Count("{\"city\":\"Paris\"}", "gpt-4");
        Assert.Equal(expected, TokenEstimator.CountCompletion(response, "gpt-4-0613"));
        Assert.Equal(0, TokenEstimator.CountCompletion(JsonNode.Parse("""{"choices":"odd"}""")!.AsObject(), "gpt-4"));
    }

    [Theory]
    [InlineData("""{"input":"Hello, world!"}""", 4)]
    [InlineData("""{"input":["Hello, world!","Hello, world!"]}""", 8)]
    [InlineData("""{"input":[[1,2,3],[4,5]]}""", 5)]
    [InlineData("""{"input":[1,2,3]}""", 3)]
    public void Embeddings_CountTheInput_AndProduceNoOutput(string json, int expected)
    {
        var estimate = Estimate(json, ProviderOperation.Embeddings);

        Assert.Equal(expected, estimate.Prompt);
        Assert.Equal(0, estimate.MaxOutput);
    }
}
