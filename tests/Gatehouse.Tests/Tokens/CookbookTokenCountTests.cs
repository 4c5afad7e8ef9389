using System.Text.Json.Nodes;
using Gatehouse.Providers;
using Gatehouse.Tokens;

namespace Gatehouse.Tests.Tokens;

/// <summary>
/// Prompt counts published by OpenAI: openai/openai-cookbook, examples/How_to_count_tokens_with_tiktoken.ipynb
/// (commit c81359cdc6744f001e40c08a192604c5113fdab3), sections 6 and 7. The notebook prints, for each model, the count
/// of its own function and the API's <c>usage.prompt_tokens</c>, and they agree: 129 (gpt-3.5-turbo, gpt-4-0613,
/// gpt-4) and 124 (gpt-4o, gpt-4o-mini) for the messages example; 105 (gpt-3.5-turbo, gpt-4) and 101 (gpt-4o,
/// gpt-4o-mini) for the function-calling example. The messages and tools below are the notebook's, verbatim.
/// </summary>
public sealed class CookbookTokenCountTests
{
    private const string Messages = """
        [
          {"role": "system", "content": "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."},
          {"role": "system", "name": "example_user", "content": "New synergies will help drive top-line growth."},
          {"role": "system", "name": "example_assistant", "content": "Things working well together will increase revenue."},
          {"role": "system", "name": "example_user", "content": "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage."},
          {"role": "system", "name": "example_assistant", "content": "Let's talk later when we're less busy about how to do better."},
          {"role": "user", "content": "This late pivot means we don't have time to boil the ocean for the client deliverable."}
        ]
        """;

    private const string ToolMessages = """
        [
          {"role": "system", "content": "You are a helpful assistant that can answer to questions about the weather."},
          {"role": "user", "content": "What's the weather like in San Francisco?"}
        ]
        """;

    private const string Tools = """
        [
          {
            "type": "function",
            "function": {
              "name": "get_current_weather",
              "description": "Get the current weather in a given location",
              "parameters": {
                "type": "object",
                "properties": {
                  "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
                  "unit": {"type": "string", "description": "The unit of temperature to return", "enum": ["celsius", "fahrenheit"]}
                },
                "required": ["location"]
              }
            }
          }
        ]
        """;

    [Theory]
    [InlineData("gpt-3.5-turbo", 129)]
    [InlineData("gpt-4-0613", 129)]
    [InlineData("gpt-4", 129)]
    [InlineData("gpt-4o", 124)]
    [InlineData("gpt-4o-mini", 124)]
    [InlineData("gpt-4o-mini-2024-07-18", 124)]
    public void CountPrompt_CookbookMessages_MatchesPublishedCount(string model, int published)
    {
        var body = new JsonObject { ["model"] = model, ["messages"] = JsonNode.Parse(Messages) };

        Assert.Equal(published, TokenEstimator.CountPrompt(ProviderOperation.ChatCompletions, body, model));
    }

    [Theory]
    [InlineData("gpt-3.5-turbo", 105)]
    [InlineData("gpt-4", 105)]
    [InlineData("gpt-4o", 101)]
    [InlineData("gpt-4o-mini", 101)]
    public void CountPrompt_CookbookToolsExample_MatchesPublishedCount(string model, int published)
    {
        var body = new JsonObject { ["model"] = model, ["messages"] = JsonNode.Parse(ToolMessages), ["tools"] = JsonNode.Parse(Tools) };

        Assert.Equal(published, TokenEstimator.CountPrompt(ProviderOperation.ChatCompletions, body, model));
    }

    [Fact]
    public void CountPrompt_LegacyFunctionsField_CountsLikeTools()
    {
        var functions = new JsonArray(JsonNode.Parse(Tools)![0]!["function"]!.DeepClone());
        var viaTools = new JsonObject { ["messages"] = JsonNode.Parse(ToolMessages), ["tools"] = JsonNode.Parse(Tools) };
        var viaFunctions = new JsonObject { ["messages"] = JsonNode.Parse(ToolMessages), ["functions"] = functions };

        Assert.Equal(
            TokenEstimator.CountPrompt(ProviderOperation.ChatCompletions, viaTools, "gpt-4o"),
            TokenEstimator.CountPrompt(ProviderOperation.ChatCompletions, viaFunctions, "gpt-4o"));
    }
}
