using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Audit.Bodies;

namespace Gatehouse.Tests.Audit.Bodies;

public sealed class AuditBodyDocumentTests
{
    [Fact]
    public void Build_BothFit_KeepsThemAsJson()
    {
        var document = Parse(AuditBodyDocument.Build(JsonNode.Parse("""{"a":"b"}"""), JsonNode.Parse("""{"c":1}"""), 1024, truncated: false));

        Assert.Equal("b", document["prompt"]!["a"]!.GetValue<string>());
        Assert.Equal(1, document["response"]!["c"]!.GetValue<int>());
        Assert.False(document["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public void Build_PromptOverTheCap_KeepsItsStartAsTextAndMarksIt()
    {
        var prompt = new JsonObject { ["text"] = new string('x', 5000) };

        var document = Parse(AuditBodyDocument.Build(prompt, null, 1024, truncated: false));

        var kept = document["prompt"]!.GetValue<string>();
        Assert.Equal(1024, Encoding.UTF8.GetByteCount(kept));
        Assert.StartsWith("""{"text":"xxx""", kept, StringComparison.Ordinal);
        Assert.True(document["truncated"]!.GetValue<bool>());
        Assert.Null(document["response"]);
    }

    [Fact]
    public void Build_AlreadyCutStream_IsMarkedTruncated() =>
        Assert.True(Parse(AuditBodyDocument.Build(null, new JsonObject(), 1024, truncated: true))["truncated"]!.GetValue<bool>());

    [Fact]
    public void Cut_InsideAMultiByteCharacter_BacksOffToItsStart()
    {
        var text = Encoding.UTF8.GetBytes("ab€"); // € is 3 bytes

        Assert.Equal("ab", AuditBodyDocument.Cut(text, 4));
        Assert.Equal("ab€", AuditBodyDocument.Cut(text, 5));
    }

    private static JsonNode Parse(byte[] json) => JsonNode.Parse(json)!;
}
