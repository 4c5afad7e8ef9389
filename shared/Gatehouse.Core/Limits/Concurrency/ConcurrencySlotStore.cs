using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Gatehouse.Configuration;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;
using Microsoft.Extensions.Options;

namespace Gatehouse.Limits;

/// <summary>
/// The shared claims in <c>ConcurrencySlots</c>: one row per scope saying which instance holds how many in-flight
/// slots, until when. A claim only grows into the room the other instances' unexpired claims leave, so together they
/// never claim more than the limit. Writes are conditional (ETag); losing a race is not a failure, it is retried.
/// </summary>
public sealed class ConcurrencySlotStore
{
    private readonly TableClient _table;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;

    public ConcurrencySlotStore(StorageClients storage, IOptions<GatehouseOptions> options, TimeProvider time)
    {
        _table = storage.Table(TableNames.ConcurrencySlots);
        _ttl = options.Value.Limits.Concurrency.ClaimTtl;
        _time = time;

        // Per limiter, not per machine: two processes on one machine (or two test "instances") must not share claims.
        // The site instance prefix only helps an operator reading the row.
        var site = Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID");
        var id = Guid.NewGuid().ToString("N");
        InstanceId = string.IsNullOrEmpty(site) ? id : $"{site[..Math.Min(8, site.Length)]}-{id}";
    }

    /// <summary>This gateway instance's name in the claims.</summary>
    public string InstanceId { get; }

    /// <summary>
    /// Sets this instance's claim in the scope's row to as much of <see cref="SlotTarget.Wanted"/> as fits beside the
    /// other instances' unexpired claims, never below <see cref="SlotTarget.Floor"/> (slots in use cannot be taken
    /// back), and renews it. 0 removes the claim, and the row once no claim is left. Null when other instances won
    /// every race until <paramref name="cancellationToken"/> ended the attempt.
    /// </summary>
    public async Task<SlotGrant?> ClaimAsync(string scopeId, SlotTarget target, CancellationToken cancellationToken)
    {
        var conflicts = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryClaimAsync(scopeId, target, cancellationToken);
            }
            catch (RequestFailedException e) when (IsConflict(e))
            {
                // Another instance wrote first: read its claims and try again, after a short random pause so that the
                // same instances do not collide again in lockstep. Real time on purpose: a jitter, not a duration.
                LimitMetrics.CountStorage("conflict");
                conflicts++;
                try
                {
                    await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 8)), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
            catch (OperationCanceledException) when (conflicts > 0)
            {
                return null; // storage kept answering, only others kept winning: contention, not failure
            }
        }
    }

    /// <summary>One read and at most one conditional write; throws on a lost race.</summary>
    private async Task<SlotGrant> TryClaimAsync(string scopeId, SlotTarget target, CancellationToken cancellationToken)
    {
        LimitMetrics.CountStorage("read");
        var row = await _table.GetEntityIfExistsAsync<ConcurrencySlotsEntity>(scopeId, ConcurrencySlotsEntity.SlotsRowKey, cancellationToken: cancellationToken);
        var now = _time.GetUtcNow();
        var claims = SlotClaims.Parse(row.HasValue ? row.Value!.Claims : null);
        claims.DropExpired(now);
        var mine = claims.Of(InstanceId);
        var room = target.Limit - (claims.Total - (mine?.Slots ?? 0));
        var granted = Math.Max(target.Floor, Math.Min(target.Wanted, room));
        var full = granted < target.Wanted;
        if (granted == (mine?.Slots ?? 0) && (full || granted == 0))
        {
            // Nothing would change but the expiry, and renewing is the renewer's job: save the write.
            return new SlotGrant(granted, full, mine?.ExpiresAt ?? now);
        }

        var expiresAt = now + _ttl;
        claims.Set(InstanceId, granted, expiresAt);
        if (!row.HasValue)
        {
            LimitMetrics.CountStorage("insert");
            var entity = new ConcurrencySlotsEntity { PartitionKey = scopeId, Claims = claims.ToJson() };
            await _table.AddEntityAsync(entity, cancellationToken);
        }
        else if (claims.Count == 0)
        {
            LimitMetrics.CountStorage("update"); // a delete is a conditional write like any other
            await _table.DeleteEntityAsync(scopeId, ConcurrencySlotsEntity.SlotsRowKey, row.Value!.ETag, cancellationToken);
        }
        else
        {
            LimitMetrics.CountStorage("update");
            var entity = row.Value!;
            entity.Claims = claims.ToJson();
            await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        }

        return new SlotGrant(granted, full, expiresAt);
    }

    /// <summary>
    /// 409: the row was inserted meanwhile; 412: it changed; 404 on the row (not the table): it was deleted meanwhile.
    /// </summary>
    private static bool IsConflict(RequestFailedException e) =>
        e.Status is 409 or 412 || (e.Status == 404 && e.ErrorCode == TableErrorCode.ResourceNotFound.ToString());
}

/// <summary>A claim to make: no more than <see cref="Limit"/> across instances, at least <see cref="Floor"/> for this one.</summary>
public readonly record struct SlotTarget(long Floor, long Wanted, long Limit);

/// <summary>This instance's claim as written (or found); <see cref="Full"/> when it got less than it wanted.</summary>
public readonly record struct SlotGrant(long Granted, bool Full, DateTimeOffset ExpiresAt);
