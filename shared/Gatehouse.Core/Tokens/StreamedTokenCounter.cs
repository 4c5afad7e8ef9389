using System.Buffers;
using System.Text.Json;

namespace Gatehouse.Tokens;

/// <summary>
/// Counts an answer's completion tokens as it streams, for streams that end without <c>usage</c>. Fed the data of
/// each OpenAI <c>chat.completion.chunk</c> event, it counts the text of <c>choices[*].delta</c>: <c>content</c>,
/// <c>refusal</c>, <c>reasoning_content</c>, and <c>tool_calls[*].function.name</c>/<c>arguments</c>.
/// </summary>
/// <remarks>
/// Runs on every chunk, so it reads with <see cref="Utf8JsonReader"/> and builds no DOM. Anything it cannot read
/// (malformed JSON, unexpected shapes) counts nothing and never throws. Each chunk's text is counted on its own,
/// so a word split across chunks may count as two tokens: the total can run slightly above a count of the whole
/// text, which errs the right way for limits. Whitespace that ends a chunk is carried over to the start of the
/// next, where the encodings attach it to the following word: streams that send <c>"word "</c> rather than
/// OpenAI's <c>" word"</c> would otherwise count every space as a token. One instance per stream; not thread-safe.
/// </remarks>
public sealed class StreamedTokenCounter(string model)
{
    // Deep enough for choices[i].delta.tool_calls[j].function.arguments; anything deeper is never counted.
    private const int TrackedDepth = 8;
    private const int StackChars = 256;
    private const int MaxCarry = 16;

    private readonly TokenEncoding _encoding = TokenEncoding.For(model);
    private readonly char[] _carry = new char[MaxCarry];
    private int _carried;
    private long _rawTokens;

    public int CompletionTokens => _encoding.Scale(_rawTokens + (_carried > 0 ? _encoding.CountRaw(_carry.AsSpan(0, _carried)) : 0));

    /// <summary>Counts one chunk's text. Never throws.</summary>
    public void Add(ReadOnlySpan<byte> chunkJson)
    {
        try
        {
            CountChunk(chunkJson);
        }
        catch (JsonException)
        {
            // Malformed or truncated JSON: what was read before the fault stays counted, the rest is ignored.
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-8 once unescaped.
        }
    }

    private void CountChunk(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        Span<Key> path = stackalloc Key[TrackedDepth];
        Span<bool> inArray = stackalloc bool[TrackedDepth];
        var property = Key.Other;
        while (reader.Read())
        {
            var depth = reader.CurrentDepth;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = Classify(ref reader);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray when depth < TrackedDepth:
                    path[depth] = depth == 0 ? Key.Other : inArray[depth - 1] ? Key.Item : property;
                    inArray[depth] = reader.TokenType == JsonTokenType.StartArray;
                    break;
                case JsonTokenType.String when depth is > 0 and < TrackedDepth && !inArray[depth - 1] && IsCounted(path[..depth], property):
                    _rawTokens += CountString(ref reader);
                    break;
            }
        }
    }

    /// <summary>choices[*].delta.{content|refusal|reasoning_content} or choices[*].delta.tool_calls[*].function.{name|arguments}.</summary>
    private static bool IsCounted(ReadOnlySpan<Key> parents, Key property) => parents switch
    {
        [_, Key.Choices, Key.Item, Key.Delta] => property is Key.Text,
        [_, Key.Choices, Key.Item, Key.Delta, Key.ToolCalls, Key.Item, Key.Function] => property is Key.Name or Key.Arguments,
        _ => false,
    };

    private static Key Classify(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("refusal"u8) || reader.ValueTextEquals("reasoning_content"u8) ? Key.Text
        : reader.ValueTextEquals("arguments"u8) ? Key.Arguments
        : reader.ValueTextEquals("name"u8) ? Key.Name
        : reader.ValueTextEquals("choices"u8) ? Key.Choices
        : reader.ValueTextEquals("delta"u8) ? Key.Delta
        : reader.ValueTextEquals("tool_calls"u8) ? Key.ToolCalls
        : reader.ValueTextEquals("function"u8) ? Key.Function
        : Key.Other;

    private int CountString(ref Utf8JsonReader reader)
    {
        // Unescaped text has at most as many chars as its UTF-8 bytes; the carried whitespace goes in front.
        var length = _carried + reader.ValueSpan.Length;
        char[]? rented = null;
        Span<char> buffer = length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            _carry.AsSpan(0, _carried).CopyTo(buffer);
            var text = buffer[..(_carried + reader.CopyString(buffer[_carried..]))];
            var kept = text.TrimEnd().Length;
            var trailing = text.Length - kept;
            if (trailing > MaxCarry)
            {
                kept = text.Length; // a run of whitespace this long is counted where it stands
                trailing = 0;
            }

            text[kept..].CopyTo(_carry);
            _carried = trailing;
            return kept == 0 ? 0 : _encoding.CountRaw(text[..kept]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private enum Key : byte
    {
        Other,
        Item,
        Choices,
        Delta,
        Text,
        ToolCalls,
        Function,
        Name,
        Arguments,
    }
}
