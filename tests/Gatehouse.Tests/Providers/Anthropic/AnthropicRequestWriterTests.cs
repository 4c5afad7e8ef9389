using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Providers;
using Gatehouse.Providers.Anthropic;

namespace Gatehouse.Tests.Providers.Anthropic;

/// <summary>The Messages API body written for an OpenAI chat request.</summary>
public sealed class AnthropicRequestWriterTests
{
    private const string Model = "claude-sonnet-4-5-20250929";

    private static JsonObject Written(string body, bool stream = false) => Written(JsonNode.Parse(body)!.AsObject(), stream);

    private static JsonObject Written(JsonObject body, bool stream = false) => JsonNode.Parse(Encoding.UTF8.GetString(
        AnthropicRequestWriter.WriteBody(new ProviderRequest(ProviderOperation.ChatCompletions, body, stream), Model)))!.AsObject();

    private static string Json(JsonNode? node) => node!.ToJsonString();

    [Fact]
    public void WriteBody_SimpleChat_ModelReplaced_DefaultMaxTokens_PlainStringContent()
    {
        var sent = Written("""{"model":"alias","messages":[{"role":"user","content":"Hello"}]}""");

        Assert.Equal(Model, sent["model"]!.GetValue<string>());
        Assert.Equal(AnthropicRequestWriter.DefaultMaxTokens, sent["max_tokens"]!.GetValue<int>());
        Assert.Equal("""[{"role":"user","content":"Hello"}]""", Json(sent["messages"]));
        Assert.False(sent.ContainsKey("system"));
        Assert.False(sent.ContainsKey("stream"));
    }

    [Fact]
    public void WriteBody_SystemAndDeveloperMessages_JoinedIntoTopLevelSystem()
    {
        var sent = Written("""
            {"model":"a","messages":[
              {"role":"system","content":"Be brief."},
              {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
              {"role":"user","content":"Hi"}]}
            """);

        Assert.Equal("Be brief.\n\nAnswer in French.", sent["system"]!.GetValue<string>());
        Assert.Single(sent["messages"]!.AsArray());
    }

    [Fact]
    public void WriteBody_MultiTurn_KeepsOrder_MergesSameRoleMessages()
    {
        var sent = Written("""
            {"model":"a","messages":[
              {"role":"user","content":"one"},
              {"role":"user","content":"two"},
              {"role":"assistant","content":"three"},
              {"role":"user","content":"four"}]}
            """);

        Assert.Equal(
            """[{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},{"role":"assistant","content":"three"},{"role":"user","content":"four"}]""",
            Json(sent["messages"]));
    }

    [Fact]
    public void WriteBody_ToolCallsAndResults_BecomeToolUseAndToolResultBlocks()
    {
        var sent = Written("""
            {"model":"a","messages":[
              {"role":"user","content":"Weather in Paris and Rome?"},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"18C"},
              {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"21C"}]},
              {"role":"user","content":"Thanks"}]}
            """);

        var messages = sent["messages"]!.AsArray();
        Assert.Equal(3, messages.Count);
        Assert.Equal(
            """{"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}},{"type":"tool_use","id":"call_2","name":"get_weather","input":{"city":"Rome"}}]}""",
            Json(messages[1]));
        Assert.Equal(
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"18C"},{"type":"tool_result","tool_use_id":"call_2","content":"21C"},{"type":"text","text":"Thanks"}]}""",
            Json(messages[2]));
    }

    [Fact]
    public void WriteBody_AssistantTextWithToolCall_TextFirst_EmptyArgumentsAreAnEmptyObject()
    {
        var sent = Written("""
            {"model":"a","messages":[{"role":"user","content":"x"},
              {"role":"assistant","content":"Let me check.","tool_calls":[{"id":"c","type":"function","function":{"name":"now","arguments":""}}]},
              {"role":"tool","tool_call_id":"c","content":"noon"}]}
            """);

        Assert.Equal(
            """[{"type":"text","text":"Let me check."},{"type":"tool_use","id":"c","name":"now","input":{}}]""",
            Json(sent["messages"]![1]!["content"]));
    }

    [Fact]
    public void WriteBody_Tools_BecomeNameDescriptionInputSchema()
    {
        var sent = Written("""
            {"model":"a","messages":[{"role":"user","content":"x"}],"tools":[
              {"type":"function","function":{"name":"get_weather","description":"Weather now","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}},
              {"type":"function","function":{"name":"ping"}}]}
            """);

        Assert.Equal(
            """[{"name":"get_weather","description":"Weather now","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},{"name":"ping","input_schema":{"type":"object","properties":{}}}]""",
            Json(sent["tools"]));
    }

    [Theory]
    [InlineData("\"auto\"", null, """{"type":"auto"}""")]
    [InlineData("\"none\"", null, """{"type":"none"}""")]
    [InlineData("\"required\"", null, """{"type":"any"}""")]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""", null, """{"type":"tool","name":"get_weather"}""")]
    [InlineData("\"required\"", "false", """{"type":"any","disable_parallel_tool_use":true}""")]
    [InlineData("null", "false", """{"type":"auto","disable_parallel_tool_use":true}""")]
    [InlineData("\"none\"", "false", """{"type":"none"}""")]
    [InlineData("null", "true", null)]
    public void WriteBody_ToolChoice_Translated(string choice, string? parallel, string? expected)
    {
        var parallelField = parallel is null ? "" : $",\"parallel_tool_calls\":{parallel}";
        var sent = Written($$$"""
            {"model":"a","messages":[{"role":"user","content":"x"}],
             "tools":[{"type":"function","function":{"name":"get_weather"}}],
             "tool_choice":{{{choice}}}{{{parallelField}}}}
            """);

        Assert.Equal(expected, sent["tool_choice"]?.ToJsonString());
    }

    [Theory]
    [InlineData("""{"max_completion_tokens":100,"max_tokens":50}""", 100)]
    [InlineData("""{"max_tokens":50}""", 50)]
    [InlineData("""{"max_completion_tokens":null,"max_tokens":null}""", 4096)]
    public void WriteBody_MaxTokens_FromMaxCompletionTokensThenMaxTokensThenDefault(string fields, int expected)
    {
        var body = JsonNode.Parse(fields)!.AsObject();
        body["model"] = "a";
        body["messages"] = JsonNode.Parse("""[{"role":"user","content":"x"}]""");

        Assert.Equal(expected, Written(body)["max_tokens"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("\"END\"", """["END"]""")]
    [InlineData("""["a","b"]""", """["a","b"]""")]
    [InlineData("null", null)]
    public void WriteBody_Stop_BecomesStopSequences(string stop, string? expected)
    {
        var sent = Written($$$"""{"model":"a","messages":[{"role":"user","content":"x"}],"stop":{{{stop}}}}""");

        Assert.Equal(expected, sent["stop_sequences"]?.ToJsonString());
    }

    [Fact]
    public void WriteBody_SamplingUserAndStream_Copied_UnmodelledFieldsDropped()
    {
        var sent = Written("""
            {"model":"a","messages":[{"role":"user","content":"x"}],"temperature":0.2,"top_p":0.9,"user":"end-user-7",
             "seed":1,"presence_penalty":0.5,"frequency_penalty":0.5,"logit_bias":{"1":1},"stream_options":{"include_usage":true},"store":true}
            """, stream: true);

        Assert.Equal(0.2, sent["temperature"]!.GetValue<double>());
        Assert.Equal(0.9, sent["top_p"]!.GetValue<double>());
        Assert.Equal("""{"user_id":"end-user-7"}""", Json(sent["metadata"]));
        Assert.True(sent["stream"]!.GetValue<bool>());
        foreach (var dropped in (string[])["seed", "presence_penalty", "frequency_penalty", "logit_bias", "stream_options", "store", "user"])
        {
            Assert.False(sent.ContainsKey(dropped), dropped);
        }
    }

    [Fact]
    public void WriteBody_Images_DataUrlIsBase64Source_HttpUrlIsUrlSource()
    {
        var sent = Written("""
            {"model":"a","messages":[{"role":"user","content":[
              {"type":"text","text":"Compare"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"high"}},
              {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]}]}
            """);

        Assert.Equal(
            """[{"type":"text","text":"Compare"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},{"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]""",
            Json(sent["messages"]![0]!["content"]));
    }

    [Fact]
    public void WriteBody_PdfFile_BecomesDocumentBlock()
    {
        var sent = Written("""
            {"model":"a","messages":[{"role":"user","content":[{"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0="}}]}]}
            """);

        Assert.Equal(
            """[{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="}}]""",
            Json(sent["messages"]![0]!["content"]));
    }

    [Fact]
    public void WriteBody_DoesNotChangeTheClientsBody()
    {
        const string Original = """
            {"model":"a","messages":[{"role":"system","content":"s"},{"role":"user","content":"x"},
              {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]},
              {"role":"tool","tool_call_id":"c","content":"r"}],
             "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],"stop":"x"}
            """;
        var body = JsonNode.Parse(Original)!.AsObject();

        Written(body);
        Written(body);

        Assert.Equal(JsonNode.Parse(Original)!.ToJsonString(), body.ToJsonString());
    }

    [Theory]
    [InlineData("""{"n":2}""", "'n' = 2")]
    [InlineData("""{"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{}}}}""", "json_schema")]
    [InlineData("""{"response_format":{"type":"json_object"}}""", "json_object")]
    [InlineData("""{"modalities":["text","audio"],"audio":{"voice":"alloy","format":"mp3"}}""", "audio output")]
    [InlineData("""{"logprobs":true}""", "logprobs")]
    [InlineData("""{"functions":[{"name":"f"}]}""", "functions")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AAAA","format":"wav"}}]}]}""", "audio input")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/bmp;base64,AAAA"}}]}]}""", "image/bmp")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"file","file":{"file_id":"file-1"}}]}]}""", "file ids")]
    [InlineData("""{"messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"not json"}}]}]}""", "not valid JSON")]
    [InlineData("""{"messages":[{"role":"function","name":"f","content":"x"}]}""", "role 'function'")]
    [InlineData("""{"tools":[{"type":"custom","custom":{"name":"x"}}]}""", "tools other than functions")]
    public void WriteBody_UntranslatableRequest_RefusedWithAClearMessage(string fields, string mentioned)
    {
        var body = JsonNode.Parse(fields)!.AsObject();
        body["model"] = "a";
        if (!body.ContainsKey("messages"))
        {
            body["messages"] = JsonNode.Parse("""[{"role":"user","content":"x"}]""");
        }

        var e = Assert.Throws<UnsupportedRequestException>(() => Written(body));

        Assert.Contains("Anthropic", e.Message, StringComparison.Ordinal);
        Assert.Contains(mentioned, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteBody_Embeddings_Refused()
    {
        var request = new ProviderRequest(ProviderOperation.Embeddings, JsonNode.Parse("""{"model":"a","input":"x"}""")!.AsObject(), false);

        var e = Assert.Throws<UnsupportedRequestException>(() => AnthropicRequestWriter.WriteBody(request, Model));

        Assert.Contains("embeddings", e.Message, StringComparison.Ordinal);
    }
}
