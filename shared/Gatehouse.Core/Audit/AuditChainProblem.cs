namespace Gatehouse.Audit;

/// <summary>One finding of a verification: a <see cref="AuditChainProblemKinds"/> kind, where, and what was seen.</summary>
public sealed record AuditChainProblem(string Kind, long? Seq, string? RequestId, string Detail);
