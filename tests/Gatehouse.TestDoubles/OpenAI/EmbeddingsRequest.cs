using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// The parts of an embeddings request the fake answers from. <paramref name="Seeds"/> holds one entry per input
/// (the text, or the token ids for token-array inputs) from which that input's vector is derived.
/// </summary>
internal sealed record EmbeddingsRequest(string Model, IReadOnlyList<string> Seeds, int PromptTokens, int Dimensions, bool Base64)
{
    public const int DefaultDimensions = 8;
    public const int MaxDimensions = 4096;
    private const int MaxInputs = 2048;

    public static bool TryParse(JsonElement root, [NotNullWhen(true)] out EmbeddingsRequest? request, [NotNullWhen(false)] out RequestError? error)
    {
        request = null;
        if (!RequestFields.TryGetModel(root, out var model, out error))
            return false;
        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            error = RequestFields.Missing("input");
            return false;
        }

        var seeds = new List<string>();
        long tokens = 0;
        if (!TryReadInput(input, seeds, ref tokens, out error))
            return false;
        if (seeds.Count > MaxInputs)
        {
            error = new RequestError($"Invalid 'input': maximum {MaxInputs} inputs per request, but got {seeds.Count}.", "input");
            return false;
        }

        if (!RequestFields.TryGetOptionalPositiveInt(root, "dimensions", out var askedDimensions, out error))
            return false;
        var dimensions = Math.Min(askedDimensions ?? DefaultDimensions, MaxDimensions);

        var base64 = false;
        if (root.TryGetProperty("encoding_format", out var format) && format.ValueKind != JsonValueKind.Null)
        {
            if (format.ValueKind == JsonValueKind.String && format.ValueEquals("base64"u8))
            {
                base64 = true;
            }
            else if (format.ValueKind != JsonValueKind.String || !format.ValueEquals("float"u8))
            {
                error = new RequestError(
                    $"Invalid value for 'encoding_format': {format.GetRawText()}. Supported values are: 'float' and 'base64'.",
                    "encoding_format", "invalid_value");
                return false;
            }
        }

        request = new EmbeddingsRequest(model, seeds, (int)Math.Min(int.MaxValue, tokens), dimensions, base64);
        return true;
    }

    /// <summary>Accepts a string, an array of strings, an array of token ids, or an array of token-id arrays.</summary>
    private static bool TryReadInput(JsonElement input, List<string> seeds, ref long tokens, [NotNullWhen(false)] out RequestError? error)
    {
        error = null;
        if (input.ValueKind == JsonValueKind.String)
            return TryAddText(input, seeds, ref tokens, out error);
        if (input.ValueKind != JsonValueKind.Array || input.GetArrayLength() == 0)
        {
            error = InvalidInput();
            return false;
        }

        var first = input[0].ValueKind;
        if (first == JsonValueKind.Number)
            return TryAddTokens(input, seeds, ref tokens, out error);
        foreach (var item in input.EnumerateArray())
        {
            var ok = (first, item.ValueKind) switch
            {
                (JsonValueKind.String, JsonValueKind.String) => TryAddText(item, seeds, ref tokens, out error),
                (JsonValueKind.Array, JsonValueKind.Array) => TryAddTokens(item, seeds, ref tokens, out error),
                _ => false,
            };
            if (!ok)
            {
                error ??= InvalidInput();
                return false;
            }
        }
        return true;
    }

    private static bool TryAddText(JsonElement text, List<string> seeds, ref long tokens, [NotNullWhen(false)] out RequestError? error)
    {
        var value = text.GetString()!;
        if (value.Length == 0)
        {
            error = InvalidInput();
            return false;
        }
        seeds.Add(value);
        tokens += Math.Max(1, value.Length / 4);
        error = null;
        return true;
    }

    private static bool TryAddTokens(JsonElement ids, List<string> seeds, ref long tokens, [NotNullWhen(false)] out RequestError? error)
    {
        var seed = new StringBuilder("tokens:");
        var count = 0;
        foreach (var id in ids.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out var token) || token < 0)
            {
                error = InvalidInput();
                return false;
            }
            seed.Append(token.ToString(CultureInfo.InvariantCulture)).Append(',');
            count++;
        }
        if (count == 0)
        {
            error = InvalidInput();
            return false;
        }
        seeds.Add(seed.ToString());
        tokens += count;
        error = null;
        return true;
    }

    private static RequestError InvalidInput() =>
        new("'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", "input");
}
