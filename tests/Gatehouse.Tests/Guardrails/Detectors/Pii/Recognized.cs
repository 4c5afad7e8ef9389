using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

/// <summary>What a recognizer reports in a text, overlaps settled as the detector settles them, as the matched substrings.</summary>
internal static class Recognized
{
    public static List<string> In(IPiiRecognizer recognizer, string text, string type)
    {
        var matches = new List<PiiMatch>();
        using (var input = new PiiText(text))
        {
            recognizer.Recognize(input, matches);
        }

        PiiOverlaps.Resolve(matches);
        return [.. matches.Where(m => m.Type == type).Select(m => text.Substring(m.Start, m.Length))];
    }
}
