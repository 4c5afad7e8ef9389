using System.Text.Json.Nodes;
using Gatehouse.Providers;
using static Gatehouse.Tests.Providers.Gemini.GeminiTestRequests;

namespace Gatehouse.Tests.Providers.Gemini;

/// <summary>OpenAI chat bodies as the Gemini GenerateContentRequest the adapter sends.</summary>
public sealed class GeminiRequestWriterTests
{
    [Fact]
    public void SystemAndDeveloperMessages_BecomeTheSystemInstruction_UserAndAssistantBecomeUserAndModelTurns()
    {
        var sent = Sent("""
            {"model":"alias","messages":[
              {"role":"system","content":"Be brief."},
              {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
              {"role":"user","content":"Hi"},
              {"role":"assistant","content":"Bonjour"},
              {"role":"user","content":"How are you?"}]}
            """);

        Assert.Equal("""{"parts":[{"text":"Be brief."},{"text":"Answer in French."}]}""", sent["systemInstruction"]!.ToJsonString());
        Assert.Equal(
            """[{"role":"user","parts":[{"text":"Hi"}]},{"role":"model","parts":[{"text":"Bonjour"}]},{"role":"user","parts":[{"text":"How are you?"}]}]""",
            sent["contents"]!.ToJsonString());
    }

    [Fact]
    public void OpenAIOnlyFields_AreLeftOut()
    {
        var sent = Sent("""{"model":"alias","user":"u1","stream_options":{"include_usage":true},"parallel_tool_calls":true,"metadata":{"a":"b"},"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(["contents"], sent.Select(member => member.Key));
    }

    [Fact]
    public void ConsecutiveTurnsOfOneRole_AreMerged()
    {
        var sent = Sent("""{"model":"alias","messages":[{"role":"user","content":"one"},{"role":"user","content":"two"}]}""");

        Assert.Equal("""[{"role":"user","parts":[{"text":"one"},{"text":"two"}]}]""", sent["contents"]!.ToJsonString());
    }

    [Fact]
    public void ToolCallsAndResults_BecomeFunctionCallsAndNamedFunctionResponsesInOneUserTurn()
    {
        var sent = Sent("""
            {"model":"alias","messages":[
              {"role":"user","content":"Weather in Paris and Oslo?"},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"call_0","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                {"id":"call_1","type":"function","function":{"name":"get_time","arguments":""}}]},
              {"role":"tool","tool_call_id":"call_0","content":"{\"temp\":21}"},
              {"role":"tool","tool_call_id":"call_1","content":"12:00"}]}
            """);

        var contents = sent["contents"]!.AsArray();
        Assert.Equal(3, contents.Count);
        Assert.Equal("model", contents[1]!["role"]!.GetValue<string>());
        Assert.Equal(
            """[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},{"functionCall":{"name":"get_time","args":{}}}]""",
            contents[1]!["parts"]!.ToJsonString());
        Assert.Equal("user", contents[2]!["role"]!.GetValue<string>());
        Assert.Equal(
            """[{"functionResponse":{"name":"get_weather","response":{"temp":21}}},{"functionResponse":{"name":"get_time","response":{"output":"12:00"}}}]""",
            contents[2]!["parts"]!.ToJsonString());
    }

    [Fact]
    public void ToolMessage_IsNamedAfterTheNearestEarlierCallWithItsId()
    {
        var sent = Sent("""
            {"model":"alias","messages":[
              {"role":"user","content":"a"},
              {"role":"assistant","tool_calls":[{"id":"call_0","type":"function","function":{"name":"first","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"call_0","content":"1"},
              {"role":"assistant","tool_calls":[{"id":"call_0","type":"function","function":{"name":"second","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"call_0","content":"2"}]}
            """);

        Assert.Equal("second", sent["contents"]!.AsArray()[^1]!["parts"]![0]!["functionResponse"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("gemini-3-pro-preview", true)]
    [InlineData("gemini-flash-latest", true)]
    [InlineData("gemini-2.5-flash", false)]
    [InlineData("gemini-1.5-pro", false)]
    public void ReplayedFunctionCalls_CarryTheSkipValidatorSignature_OnModelsThatCheckIt(string model, bool withSignature)
    {
        var sent = Sent("""
            {"model":"alias","messages":[{"role":"user","content":"a"},
              {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c","content":"ok"}]}
            """, model);

        var part = sent["contents"]![1]!["parts"]![0]!.AsObject();
        Assert.Equal(withSignature, part.ContainsKey("thoughtSignature"));
        if (withSignature)
        {
            Assert.Equal("skip_thought_signature_validator", part["thoughtSignature"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Tools_BecomeFunctionDeclarations_WithTheirJsonSchemaUnchanged()
    {
        var sent = Sent("""
            {"model":"alias","messages":[{"role":"user","content":"a"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","strict":true,
               "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}}]}
            """);

        Assert.Equal(
            """[{"functionDeclarations":[{"name":"get_weather","description":"Weather","parametersJsonSchema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}]}]""",
            sent["tools"]!.ToJsonString());
    }

    [Theory]
    [InlineData("\"none\"", """{"functionCallingConfig":{"mode":"NONE"}}""")]
    [InlineData("\"auto\"", """{"functionCallingConfig":{"mode":"AUTO"}}""")]
    [InlineData("\"required\"", """{"functionCallingConfig":{"mode":"ANY"}}""")]
    [InlineData("""{"type":"function","function":{"name":"f"}}""", """{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["f"]}}""")]
    public void ToolChoice_BecomesTheFunctionCallingMode(string toolChoice, string expected)
    {
        var sent = Sent($$$"""{"model":"alias","messages":[{"role":"user","content":"a"}],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{{{toolChoice}}}}""");

        Assert.Equal(expected, sent["toolConfig"]!.ToJsonString());
    }

    [Fact]
    public void SamplingOptions_BecomeTheGenerationConfig()
    {
        var sent = Sent("""
            {"model":"alias","messages":[{"role":"user","content":"a"}],"max_tokens":50,"max_completion_tokens":100,"temperature":0.2,
             "top_p":0.9,"stop":["END","STOP"],"n":2,"seed":7,"presence_penalty":0.5,"frequency_penalty":0.25,"response_format":{"type":"json_object"}}
            """);

        Assert.Equal(
            """{"maxOutputTokens":100,"temperature":0.2,"topP":0.9,"seed":7,"presencePenalty":0.5,"frequencyPenalty":0.25,"candidateCount":2,"stopSequences":["END","STOP"],"responseMimeType":"application/json"}""",
            sent["generationConfig"]!.ToJsonString());
    }

    [Fact]
    public void MaxTokensAndASingleStop_AreTranslatedToo()
    {
        var sent = Sent("""{"model":"alias","messages":[{"role":"user","content":"a"}],"max_completion_tokens":null,"max_tokens":50,"stop":"END","n":1}""");

        Assert.Equal("""{"maxOutputTokens":50,"stopSequences":["END"]}""", sent["generationConfig"]!.ToJsonString());
    }

    [Fact]
    public void JsonSchemaResponseFormat_PassesTheSchema()
    {
        var sent = Sent("""{"model":"alias","messages":[{"role":"user","content":"a"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}}}""");

        Assert.Equal("""{"responseMimeType":"application/json","responseJsonSchema":{"type":"object"}}""", sent["generationConfig"]!.ToJsonString());
    }

    [Fact]
    public void DataUrlImages_BecomeInlineData()
    {
        var sent = Sent("""
            {"model":"alias","messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},
              {"type":"image_url","image_url":{"url":"data:image/PNG;base64,iVBORw0KGgo=","detail":"low"}}]}]}
            """);

        Assert.Equal(
            """[{"text":"What is this?"},{"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]""",
            sent["contents"]![0]!["parts"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"model":"a","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]}""", "remote image URLs")]
    [InlineData("""{"model":"a","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png,rawbytes"}}]}]}""", "base64")]
    [InlineData("""{"model":"a","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AAA=","format":"wav"}}]}]}""", "Audio")]
    [InlineData("""{"model":"a","messages":[{"role":"user","content":"a"}],"logprobs":true}""", "logprobs")]
    [InlineData("""{"model":"a","messages":[{"role":"user","content":"a"}],"modalities":["text","audio"]}""", "Audio output")]
    [InlineData("""{"model":"a","messages":[{"role":"tool","tool_call_id":"nope","content":"x"}]}""", "answers no tool call")]
    [InlineData("""{"model":"a","messages":[{"role":"user","content":"a"}],"tools":[{"type":"web_search"}]}""", "Only function tools")]
    [InlineData("""{"model":"a","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"[1]"}}]}]}""", "JSON object")]
    [InlineData("""{"model":"a","messages":[{"role":"system","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AA=="}}]}]}""", "only carry text")]
    public void Untranslatable_IsRefusedWithAClearMessage(string body, string expected)
    {
        var error = Assert.Throws<UnsupportedRequestException>(() => Adapter().CreateRequest(Chat(body), Deployment()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheClientsBody_IsNotChanged()
    {
        const string original = """
            {"model":"alias","messages":[{"role":"system","content":"s"},{"role":"user","content":"a"},
              {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{\"x\":1}"}}]},
              {"role":"tool","tool_call_id":"c","content":"{\"y\":2}"}],
             "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],"temperature":1}
            """;
        var body = JsonNode.Parse(original)!.AsObject();
        var before = body.ToJsonString();

        using var message = Adapter().CreateRequest(new ProviderRequest(ProviderOperation.ChatCompletions, body, Stream: false), Deployment());

        Assert.Equal(before, body.ToJsonString());
    }
}
