using Azure;
using Azure.Data.Tables;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// Row of <c>GuardrailRules</c> beside a tenant's rules (RowKey <see cref="Row"/>, which no rule name can take): how
/// many rules the tenant has, and how many characters of deny-list terms. Every rule write changes it in the same
/// transaction, conditional on its ETag, so two admins writing at once cannot pass the per-tenant limits together.
/// </summary>
public sealed class GuardrailRuleCountEntity : ITableEntity
{
    public const string Row = "~count";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Count { get; set; }

    /// <summary>The characters of all the tenant's stored deny-list terms: what its compiled matchers' memory grows with.</summary>
    public int TermCharacters { get; set; }
}
