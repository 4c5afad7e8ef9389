using System.Text;
using Gatehouse.Providers;
using Gatehouse.Proxy;

namespace Gatehouse.IntegrationTests.Proxy;

/// <summary>A stream's answer rebuilt from its deltas for the audit body: text, tool calls, and the cap.</summary>
public sealed class StreamTranscriptTests
{
    [Fact]
    public void ToAnswer_TextAndToolCallDeltas_AreJoinedPerChoiceAndCall()
    {
        var transcript = new StreamTranscript(1024);
        transcript.Add(Chunk("""{"id":"c1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}"""));
        transcript.Add(Chunk("""{"id":"c1","choices":[{"index":0,"delta":{"content":"lo"}}]}"""));
        transcript.Add(Chunk("""{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"lookup","arguments":"{\"q\":"}}]}}]}"""));
        transcript.Add(Chunk("""{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"x\"}"}}]},"finish_reason":"tool_calls"}]}"""));
        transcript.Add(ChatStreamChunk.Done);

        var answer = transcript.ToAnswer();

        var message = answer["choices"]![0]!["message"]!;
        Assert.Equal("Hello", message["content"]!.GetValue<string>());
        Assert.Equal("call_1", message["tool_calls"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("lookup", message["tool_calls"]![0]!["function"]!["name"]!.GetValue<string>());
        Assert.Equal("""{"q":"x"}""", message["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("tool_calls", answer["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal("c1", answer["id"]!.GetValue<string>());
        Assert.False(transcript.Truncated);
    }

    [Fact]
    public void Add_PastTheCap_KeepsWhatFitsAndMarksIt()
    {
        var transcript = new StreamTranscript(10);
        transcript.Add(Chunk("""{"choices":[{"index":0,"delta":{"content":"12345678"}}]}"""));
        transcript.Add(Chunk("""{"choices":[{"index":0,"delta":{"content":"ab€cd"}}]}"""));
        transcript.Add(Chunk("""{"choices":[{"index":0,"delta":{"content":"more"}}]}"""));

        Assert.True(transcript.Truncated);
        Assert.Equal("12345678ab", transcript.ToAnswer()["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    private static ChatStreamChunk Chunk(string json) => new(Encoding.UTF8.GetBytes(json));
}
