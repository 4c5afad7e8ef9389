namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// One entity type's recognizer inside <see cref="PiiDetector"/>: finds candidates in a text, validates them (checksum,
/// number ranges, context words) and adds the survivors. Internal composition, not an extension point: the detector is.
/// </summary>
internal interface IPiiRecognizer
{
    void Recognize(PiiText input, List<PiiMatch> matches);
}
