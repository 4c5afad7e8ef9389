using Azure;
using Azure.Data.Tables;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// Row of <c>GuardrailRules</c>: one of a tenant's custom guardrail rules. PartitionKey = tenant id (the detector reads
/// a tenant's rules with one partition query), RowKey = the rule's name. A rule's terms may hold up to 100,000
/// characters, more than one Table string property takes (64 KiB), so they are spread over <see cref="Terms0"/> to
/// <see cref="Terms3"/>, newline-separated (terms hold no control characters).
/// </summary>
public sealed class GuardrailRuleEntity : ITableEntity
{
    /// <summary>Characters per terms column: 60,000 bytes of UTF-16, under the 64 KiB a string property may hold.</summary>
    public const int TermsChunk = 30_000;

    public const int TermsColumns = 4;

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary><c>regex</c> or <c>deny_list</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>For <c>regex</c> rules.</summary>
    public string? Pattern { get; set; }

    /// <summary>For <c>deny_list</c> rules: the terms, newline-separated, in up to four consecutive chunks.</summary>
    public string? Terms0 { get; set; }

    public string? Terms1 { get; set; }

    public string? Terms2 { get; set; }

    public string? Terms3 { get; set; }

    /// <summary><c>input</c>, <c>output</c> or <c>both</c>.</summary>
    public string Direction { get; set; } = "";

    /// <summary><c>block</c>, <c>redact</c>, <c>mask</c> or <c>flag</c>.</summary>
    public string Action { get; set; } = "";

    public string? Description { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The admin principal that last wrote the rule.</summary>
    public string? UpdatedBy { get; set; }

    public IReadOnlyList<string> ReadTerms()
    {
        var joined = string.Concat(Terms0, Terms1, Terms2, Terms3);
        return joined.Length == 0 ? [] : joined.Split('\n');
    }

    public void WriteTerms(IReadOnlyList<string> terms)
    {
        var joined = string.Join('\n', terms);
        if (joined.Length > TermsChunk * TermsColumns)
        {
            throw new ArgumentException($"Terms take at most {TermsChunk * TermsColumns} characters in storage; validation should have refused these.", nameof(terms));
        }

        Terms0 = Chunk(joined, 0);
        Terms1 = Chunk(joined, 1);
        Terms2 = Chunk(joined, 2);
        Terms3 = Chunk(joined, 3);
    }

    private static string? Chunk(string joined, int index) =>
        joined.Length > index * TermsChunk ? joined.Substring(index * TermsChunk, Math.Min(TermsChunk, joined.Length - (index * TermsChunk))) : null;
}
