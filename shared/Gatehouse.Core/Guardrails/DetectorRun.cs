namespace Gatehouse.Guardrails;

/// <summary>One detector's run on one request: how long it took, and whether it failed (threw or timed out).</summary>
public sealed record DetectorRun(string Detector, TimeSpan Duration, bool Failed);
