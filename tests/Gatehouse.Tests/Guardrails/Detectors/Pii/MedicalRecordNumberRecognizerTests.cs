using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class MedicalRecordNumberRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new MedicalRecordNumberRecognizer(), text, PiiTypes.MedicalRecordNumber);

    [Theory]
    [InlineData("MRN: 12345678", "12345678")]
    [InlineData("medical record number MR1234567 on file", "MR1234567")]
    [InlineData("Patient ID AB-00451234", "AB-00451234")]
    [InlineData("see chart # 9876543", "9876543")]
    public void Recognize_IdentifierWithContext_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("order 12345678 shipped")]         // no medical-record word
    [InlineData("12345678")]
    [InlineData("MRN: 12345")]                     // too short
    [InlineData("MRN: 12345678901")]               // too long
    [InlineData("the patient ID was lost; later on, order 12345678 arrived")] // context too far away
    public void Recognize_NoMedicalRecordNumber_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
