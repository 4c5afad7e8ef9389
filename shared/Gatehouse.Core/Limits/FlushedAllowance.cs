namespace Gatehouse.Limits;

/// <summary>A counter whose unreported units were just written: the window's spend across instances as now known.</summary>
public sealed record FlushedAllowance(string ScopeId, string Name, LimitWindow Window, long Limit, long Spent);
