using System.Text.Json.Nodes;
using Gatehouse.Providers;

namespace Gatehouse.Tests.Providers;

public sealed class TokenUsageTests
{
    [Fact]
    public void FromOpenAI_ReadsCounts() =>
        Assert.Equal(new TokenUsage(12, 5, 17), TokenUsage.FromOpenAI(JsonNode.Parse("""{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}""")));

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"prompt_tokens":"twelve"}""")]
    [InlineData("[1,2]")]
    public void FromOpenAI_MissingOrMalformed_Null(string json) => Assert.Null(TokenUsage.FromOpenAI(JsonNode.Parse(json)));

    [Fact]
    public void StreamChunk_UsageChunk_ParsedOnlyWhenPresent()
    {
        var usage = new ChatStreamChunk("""{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}"""u8.ToArray());
        var content = new ChatStreamChunk("""{"choices":[{"delta":{"content":"hi"}}],"usage":null}"""u8.ToArray());

        Assert.Equal(new TokenUsage(3, 4, 7), usage.Usage);
        Assert.Null(content.Usage);
        Assert.True(ChatStreamChunk.Done.IsDone);
        Assert.False(content.IsDone);
    }
}
