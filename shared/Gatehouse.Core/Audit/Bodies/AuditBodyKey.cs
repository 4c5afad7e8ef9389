namespace Gatehouse.Audit.Bodies;

/// <summary>An AES-256 key as configured: base64 of exactly 32 bytes. Problems describe the value's shape, never the value.</summary>
public static class AuditBodyKey
{
    public const int Bytes = 32;

    /// <summary>What is wrong with a configured value; null when it is a usable key.</summary>
    public static string? Problem(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return "is empty.";
        }

        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var length))
        {
            return "is not valid base64.";
        }

        Array.Clear(buffer);
        return length == Bytes ? null : $"decodes to {length} bytes; AES-256 needs {Bytes} (generate one with: openssl rand -base64 32).";
    }

    /// <summary>The key's bytes; call <see cref="Problem"/> first.</summary>
    public static byte[] Decode(string base64) => Convert.FromBase64String(base64.Trim());
}
