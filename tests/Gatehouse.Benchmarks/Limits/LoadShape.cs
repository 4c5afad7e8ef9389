namespace Gatehouse.Benchmarks.Limits;

/// <summary>The traffic under load: <see cref="Keys"/> keys of one tenant, each key with an rpm limit, the tenant with one in all.</summary>
public sealed record LoadShape(int Keys, long KeyRpm, long TenantRpm);
