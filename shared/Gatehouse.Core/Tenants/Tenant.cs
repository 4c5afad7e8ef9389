namespace Gatehouse.Tenants;

public sealed record Tenant(string Id, string Name, DateTimeOffset CreatedAt);
