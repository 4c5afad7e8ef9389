namespace Gatehouse.Audit;

/// <summary>The verification of one <c>AuditLog</c> partition (one tenant, one UTC day).</summary>
/// <param name="Records">Record rows read (the head row not counted).</param>
/// <param name="HeadSeq">The head row's Seq, 0 when there is no head.</param>
/// <param name="HeadHash">The head row's hash: record it elsewhere to detect later rewrites of the whole day.</param>
public sealed record AuditChainReport(string Partition, long Records, long HeadSeq, string? HeadHash, IReadOnlyList<AuditChainProblem> Problems)
{
    public bool Ok => Problems.Count == 0;
}
