namespace Gatehouse.Providers.Gemini;

/// <summary>
/// A base64 <c>data:</c> URL split into its media type and payload, which Gemini takes as <c>inlineData</c>. The payload
/// is passed on as the client wrote it (Gemini decodes and validates it); it is never decoded here.
/// </summary>
internal readonly record struct GeminiDataUrl(string MimeType, string Base64Data)
{
    public static bool TryParse(string url, out GeminiDataUrl dataUrl)
    {
        dataUrl = default;
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return false;
        }

        // data:[<mediatype>][;param=value]*;base64,<data>: only the base64 form carries binary data faithfully.
        var header = url.AsSpan(5, comma - 5);
        const string base64Suffix = ";base64";
        if (!header.EndsWith(base64Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var mediaType = header[..^base64Suffix.Length];
        var semicolon = mediaType.IndexOf(';');
        var mimeType = (semicolon < 0 ? mediaType : mediaType[..semicolon]).Trim().ToString();
        var data = url[(comma + 1)..];
        if (mimeType.Length == 0 || data.Length == 0)
        {
            return false;
        }

        dataUrl = new GeminiDataUrl(mimeType.ToLowerInvariant(), data);
        return true;
    }
}
