namespace Gatehouse.Budgets;

/// <summary>One budget a request spends from: whose it is (for errors and alerts) and how large.</summary>
/// <param name="Scope"><c>key</c>, <c>tenant</c> or <c>user</c>.</param>
/// <param name="ScopeId">The counter partition, shared with the rate limits: <c>key:…</c>, <c>tenant:…</c>, <c>user:…</c>.</param>
public sealed record BudgetScope(string Scope, string ScopeId, string Tenant, string? KeyId, Budget Budget);
