namespace Gatehouse.Guardrails.Detectors;

/// <summary>Detector names, as headers and audit records show them.</summary>
public static class DetectorNames
{
    public const string DenyList = "deny-list";
}
