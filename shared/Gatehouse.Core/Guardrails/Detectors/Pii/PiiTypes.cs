using System.Collections.Frozen;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// The finding types <see cref="PiiDetector"/> reports, as policy rules name them. The names follow the vocabulary of the
/// PII evaluation data (presidio-research labels mapped to these), plus three it has no labelled examples of.
/// </summary>
public static class PiiTypes
{
    public const string Email = "EMAIL";
    public const string Phone = "PHONE";
    public const string CreditCard = "CREDIT_CARD";
    public const string UsSsn = "US_SSN";
    public const string Iban = "IBAN";
    public const string IpAddress = "IP_ADDRESS";
    public const string MedicalRecordNumber = "MEDICAL_RECORD_NUMBER";
    public const string DateOfBirth = "DATE_OF_BIRTH";
    public const string UsDriverLicense = "US_DRIVER_LICENSE";
    public const string Person = "PERSON";
    public const string Location = "LOCATION";
    public const string Organization = "ORGANIZATION";
    public const string StreetAddress = "STREET_ADDRESS";
    public const string ZipCode = "ZIP_CODE";
    public const string DateTime = "DATE_TIME";
    public const string Age = "AGE";
    public const string DomainName = "DOMAIN_NAME";

    /// <summary>Nationality, religious or political group.</summary>
    public const string Nrp = "NRP";

    public static readonly FrozenSet<string> All = FrozenSet.Create(
        StringComparer.Ordinal,
        Email, Phone, CreditCard, UsSsn, Iban, IpAddress, MedicalRecordNumber, DateOfBirth, UsDriverLicense,
        Person, Location, Organization, StreetAddress, ZipCode, DateTime, Age, DomainName, Nrp);
}
