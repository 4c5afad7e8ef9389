namespace Gatehouse.Guardrails.Detectors;

/// <summary>Detector names, as headers and audit records show them.</summary>
public static class DetectorNames
{
    public const string DenyList = "deny-list";

    /// <summary>Personal data: e-mail, phone, card, SSN, IBAN, IP address, medical record number, date of birth, ...</summary>
    public const string Pii = "pii";

    /// <summary>Credentials: cloud and SaaS keys and tokens, JWTs, private keys, connection strings with passwords, ...</summary>
    public const string Secrets = "secrets";

    /// <summary>A tenant's own regex and deny-list rules (admin API).</summary>
    public const string CustomRules = "custom-rules";
}
