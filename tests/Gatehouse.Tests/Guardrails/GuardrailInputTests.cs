using System.Text.Json.Nodes;
using Gatehouse.Guardrails;
using Gatehouse.Providers;

namespace Gatehouse.Tests.Guardrails;

public sealed class GuardrailInputTests
{
    [Fact]
    public void FromBody_Chat_TakesStringContentAndTextParts_WithIndexAndRole()
    {
        var body = JsonNode.Parse("""
            {"model":"m","messages":[
              {"role":"system","content":"be brief"},
              {"role":"user","content":[{"type":"text","text":"look at"},{"type":"image_url","image_url":{"url":"https://x/y.png"}},{"type":"text","text":"this"}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c","content":"42"}
            ]}
            """)!.AsObject();

        var input = GuardrailInput.FromBody(ProviderOperation.ChatCompletions, body);

        Assert.Equal(GuardrailDirection.Input, input.Direction);
        Assert.Equal(
            [
                new GuardrailSegment(0, null, "system", "be brief"),
                new GuardrailSegment(1, 0, "user", "look at"),
                new GuardrailSegment(1, 2, "user", "this"),
                new GuardrailSegment(3, null, "tool", "42"),
            ],
            input.Segments);
    }

    [Fact]
    public void FromBody_EmbeddingsString_IsOneSegment()
    {
        var input = GuardrailInput.FromBody(ProviderOperation.Embeddings, JsonNode.Parse("""{"model":"e","input":"hello"}""")!.AsObject());

        Assert.Equal([new GuardrailSegment(0, null, null, "hello")], input.Segments);
    }

    [Fact]
    public void FromBody_EmbeddingsArray_TakesTheStringsAndSkipsTokenArrays()
    {
        var body = JsonNode.Parse("""{"model":"e","input":["one",[1,2,3],"three"]}""")!.AsObject();

        var input = GuardrailInput.FromBody(ProviderOperation.Embeddings, body);

        Assert.Equal([new GuardrailSegment(0, null, null, "one"), new GuardrailSegment(2, null, null, "three")], input.Segments);
    }

    [Fact]
    public void FromBody_LeavesTheBodyUnchanged()
    {
        const string json = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";
        var body = JsonNode.Parse(json)!.AsObject();

        _ = GuardrailInput.FromBody(ProviderOperation.ChatCompletions, body);

        Assert.Equal(json, body.ToJsonString());
    }
}
