namespace Gatehouse.Audit.Bodies;

/// <summary>An <c>AuditLog</c> row as the body reader found it: its request id, and its encrypted body if it has one.</summary>
public sealed record StoredAuditBody(string RequestId, AuditBody? Body);
