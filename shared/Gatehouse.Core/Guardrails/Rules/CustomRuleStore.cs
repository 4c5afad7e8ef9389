using Azure;
using Azure.Data.Tables;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Guardrails.Rules;

/// <summary>
/// Custom rules in the <c>GuardrailRules</c> table, a partition per tenant. Every write changes the partition's totals
/// row (<see cref="GuardrailRuleCountEntity"/>) in the same transaction, conditional on its ETag, so the per-tenant
/// limits hold however many admins write at once; a lost race is read again and re-applied.
/// </summary>
public sealed class CustomRuleStore(StorageClients storage, TimeProvider time)
{
    /// <summary>
    /// Tries per write. Each round of a race has a winner, so this many admins may write one tenant's rules at the same
    /// moment and all succeed; beyond that the losers get an error rather than spinning.
    /// </summary>
    private const int MaxAttempts = 32;

    private readonly TableClient _table = storage.Table(TableNames.GuardrailRules);

    /// <summary>The tenant's stored rules, by name; each carries its row's ETag as its version.</summary>
    public async Task<IReadOnlyList<CustomRule>> ListAsync(string tenant, CancellationToken cancellationToken)
    {
        var rules = new List<CustomRule>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenant}");
        await foreach (var entity in _table.QueryAsync<GuardrailRuleEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey != GuardrailRuleCountEntity.Row)
            {
                rules.Add(ToRule(entity));
            }
        }

        return rules;
    }

    /// <summary>The tenants with at least one stored rule (their totals rows say so), for warming the cache at start.</summary>
    public async Task<IReadOnlyList<string>> ListTenantsAsync(CancellationToken cancellationToken)
    {
        var tenants = new List<string>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {GuardrailRuleCountEntity.Row} and Count gt {0}");
        await foreach (var totals in _table.QueryAsync<GuardrailRuleCountEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            tenants.Add(totals.PartitionKey);
        }

        return tenants;
    }

    /// <summary>
    /// Creates or replaces a rule (checked by the caller) and returns it as stored. Refused, with nothing written, when a
    /// new rule would pass <paramref name="maxRules"/> stored rules, or the tenant's deny lists would hold more than
    /// <paramref name="maxTermCharacters"/> characters of terms.
    /// </summary>
    public async Task<(CustomRuleWrite Outcome, CustomRule? Stored)> PutAsync(
        string tenant, CustomRule rule, int maxRules, int maxTermCharacters, string? updatedBy, CancellationToken cancellationToken)
    {
        var entity = ToEntity(tenant, rule, updatedBy);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await _table.GetEntityIfExistsAsync<GuardrailRuleEntity>(tenant, rule.Name, cancellationToken: cancellationToken);
            var count = await ReadCountAsync(tenant, cancellationToken);
            var termCharacters = count.TermCharacters + CustomRuleSyntax.TermCharacters(rule.Terms)
                - (existing.HasValue ? CustomRuleSyntax.TermCharacters(existing.Value!.ReadTerms()) : 0);
            if (!existing.HasValue && count.Count >= maxRules)
            {
                return (CustomRuleWrite.LimitReached, null);
            }

            if (termCharacters > maxTermCharacters && termCharacters > count.TermCharacters)
            {
                return (CustomRuleWrite.TermsLimitReached, null);
            }

            TableTransactionAction write = existing.HasValue
                ? new(TableTransactionActionType.UpdateReplace, entity, existing.Value!.ETag)
                : new(TableTransactionActionType.Add, entity);
            try
            {
                await _table.SubmitTransactionAsync([Totals(count, existing.HasValue ? 0 : 1, termCharacters), write], cancellationToken);
                return (existing.HasValue ? CustomRuleWrite.Replaced : CustomRuleWrite.Created, ToRule(entity));
            }
            catch (RequestFailedException e) when (IsLostRace(e) && attempt < MaxAttempts)
            {
                // Another write got there first (the rule or the totals changed meanwhile): read again and re-apply.
            }
        }
    }

    /// <summary>Deletes a rule; false when there is none of that name.</summary>
    public async Task<bool> DeleteAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await _table.GetEntityIfExistsAsync<GuardrailRuleEntity>(tenant, name, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                return false;
            }

            var count = await ReadCountAsync(tenant, cancellationToken);
            var termCharacters = count.TermCharacters - CustomRuleSyntax.TermCharacters(existing.Value!.ReadTerms());
            try
            {
                await _table.SubmitTransactionAsync(
                    [Totals(count, -1, termCharacters), new TableTransactionAction(TableTransactionActionType.Delete, existing.Value!, existing.Value!.ETag)],
                    cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (IsLostRace(e) && attempt < MaxAttempts)
            {
                // Changed meanwhile: read again.
            }
        }
    }

    /// <summary>A row changed, appeared or went away since it was read; a missing table is no race and is not retried.</summary>
    private static bool IsLostRace(RequestFailedException e) => e.Status is 409 or 412 || (e.Status == 404 && e.ErrorCode != "TableNotFound");

    private async Task<GuardrailRuleCountEntity> ReadCountAsync(string tenant, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<GuardrailRuleCountEntity>(tenant, GuardrailRuleCountEntity.Row, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value! : new GuardrailRuleCountEntity { PartitionKey = tenant, ETag = default };
    }

    /// <summary>The totals row's change in a transaction: added when the partition has none yet, else replaced if unchanged since read.</summary>
    private static TableTransactionAction Totals(GuardrailRuleCountEntity count, int change, int termCharacters)
    {
        var changed = new GuardrailRuleCountEntity
        {
            PartitionKey = count.PartitionKey,
            Count = Math.Max(0, count.Count + change),
            TermCharacters = Math.Max(0, termCharacters),
        };
        return count.ETag == default
            ? new TableTransactionAction(TableTransactionActionType.Add, changed)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, changed, count.ETag);
    }

    private GuardrailRuleEntity ToEntity(string tenant, CustomRule rule, string? updatedBy)
    {
        var entity = new GuardrailRuleEntity
        {
            PartitionKey = tenant,
            RowKey = rule.Name,
            Kind = rule.Kind,
            Pattern = rule.Pattern,
            Direction = rule.Direction,
            Action = rule.Action,
            Description = rule.Description,
            UpdatedAt = time.GetUtcNow(),
            UpdatedBy = updatedBy,
        };
        entity.WriteTerms(rule.Terms);
        return entity;
    }

    private static CustomRule ToRule(GuardrailRuleEntity e) => new(e.RowKey, e.Kind, e.Pattern, e.ReadTerms(), e.Direction, e.Action, e.Description)
    {
        Version = e.ETag.ToString(),
        Source = CustomRuleSyntax.FromApi,
        UpdatedAt = e.UpdatedAt,
        UpdatedBy = e.UpdatedBy,
    };
}
