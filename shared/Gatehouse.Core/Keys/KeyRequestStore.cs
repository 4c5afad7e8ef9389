using Azure;
using Azure.Data.Tables;
using Gatehouse.Limits;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Keys;

/// <summary>
/// Key requests: each is a row beside its pending key in <c>VirtualKeys</c>, so filing writes key and request
/// together, and approving or rejecting flips both in one transaction — never one without the other.
/// </summary>
public sealed class KeyRequestStore(StorageClients storage, KeyStore keys, TimeProvider time)
{
    private readonly TableClient _table = storage.Table(TableNames.VirtualKeys);

    /// <summary>Files a request and its pending key; the secret is returned here once and works after approval.</summary>
    public async Task<(KeyRequest Request, string Secret)> CreateAsync(KeySpec spec, string? justification, TimeSpan timeToDecide, CancellationToken cancellationToken)
    {
        var (key, secret) = await keys.PrepareAsync(spec, KeyStatus.Pending, cancellationToken);
        var request = new KeyRequestEntity
        {
            PartitionKey = key.PartitionKey,
            Tenant = spec.Tenant,
            Name = spec.Name,
            Models = key.Models,
            Status = nameof(KeyRequestStatus.Pending),
            RequestedBy = spec.CreatedBy,
            Justification = justification,
            CreatedAt = key.CreatedAt,
            ExpiresAt = key.CreatedAt + timeToDecide,
        };
        request.WriteLimits(key.ReadLimits());
        await _table.SubmitTransactionAsync([new(TableTransactionActionType.Add, key), new(TableTransactionActionType.Add, request)], cancellationToken);
        return (ToRequest(request), secret);
    }

    public async Task<KeyRequest?> GetAsync(string requestId, CancellationToken cancellationToken) =>
        KeyRequest.TryGetKeyId(requestId, out var keyId) && await ReadAsync(keyId, cancellationToken) is { } row ? ToRequest(row) : null;

    /// <summary>Requests, optionally of one tenant, newest first.</summary>
    public async Task<IReadOnlyList<KeyRequest>> ListAsync(string? tenant, CancellationToken cancellationToken)
    {
        var filter = tenant is null
            ? TableClient.CreateQueryFilter($"RowKey eq {KeyRequestEntity.Row}")
            : TableClient.CreateQueryFilter($"RowKey eq {KeyRequestEntity.Row} and Tenant eq {tenant}");
        var requests = new List<KeyRequest>();
        await foreach (var row in _table.QueryAsync<KeyRequestEntity>(filter, cancellationToken: cancellationToken))
        {
            requests.Add(ToRequest(row));
        }

        return [.. requests.OrderByDescending(r => r.CreatedAt)];
    }

    /// <summary>Approves (the key becomes active) or rejects (the key is revoked) a pending request.</summary>
    public async Task<KeyDecision> DecideAsync(string requestId, bool approve, string decidedBy, string? comment, CancellationToken cancellationToken)
    {
        if (!KeyRequest.TryGetKeyId(requestId, out var keyId))
        {
            return new KeyDecision(DecisionOutcome.NotFound);
        }

        while (true)
        {
            var request = await ReadAsync(keyId, cancellationToken);
            var key = await keys.ReadAsync(keyId, cancellationToken);
            if (request is null || key is null)
            {
                return new KeyDecision(DecisionOutcome.NotFound);
            }

            var current = ToRequest(request);
            var refusal = current.Status switch
            {
                KeyRequestStatus.Expired => DecisionOutcome.Expired,
                not KeyRequestStatus.Pending => DecisionOutcome.AlreadyDecided,
                _ when key.Status != nameof(KeyStatus.Pending) => DecisionOutcome.KeyRevoked,
                _ => (DecisionOutcome?)null,
            };
            if (refusal is { } refused)
            {
                return new KeyDecision(refused, current);
            }

            var now = time.GetUtcNow();
            request.Status = approve ? nameof(KeyRequestStatus.Approved) : nameof(KeyRequestStatus.Rejected);
            request.DecidedBy = decidedBy;
            request.DecidedAt = now;
            request.Comment = comment;
            key.Status = approve ? nameof(KeyStatus.Active) : nameof(KeyStatus.Revoked);
            key.RevokedAt = approve ? null : now;
            try
            {
                await _table.SubmitTransactionAsync(
                    [new(TableTransactionActionType.UpdateReplace, key, key.ETag), new(TableTransactionActionType.UpdateReplace, request, request.ETag)],
                    cancellationToken);
                return new KeyDecision(DecisionOutcome.Decided, ToRequest(request));
            }
            catch (TableTransactionFailedException e) when (e.Status == 412)
            {
                // The key or the request changed meanwhile (another approver, a revocation); decide on fresh rows.
            }
        }
    }

    private async Task<KeyRequestEntity?> ReadAsync(string keyId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<KeyRequestEntity>(keyId, KeyRequestEntity.Row, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private KeyRequest ToRequest(KeyRequestEntity e)
    {
        var stored = Enum.TryParse<KeyRequestStatus>(e.Status, out var status) ? status : KeyRequestStatus.Rejected;
        return new KeyRequest
        {
            Id = KeyRequest.IdFor(e.PartitionKey),
            KeyId = e.PartitionKey,
            Tenant = e.Tenant,
            Name = e.Name,
            Models = e.Models.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            Limits = e.ReadLimits(),
            Status = stored == KeyRequestStatus.Pending && e.ExpiresAt <= time.GetUtcNow() ? KeyRequestStatus.Expired : stored,
            RequestedBy = e.RequestedBy,
            Justification = e.Justification,
            CreatedAt = e.CreatedAt,
            ExpiresAt = e.ExpiresAt,
            DecidedBy = e.DecidedBy,
            DecidedAt = e.DecidedAt,
            Comment = e.Comment,
        };
    }
}
