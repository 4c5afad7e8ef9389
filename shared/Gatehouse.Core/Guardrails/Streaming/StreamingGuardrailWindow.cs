using Gatehouse.Guardrails.Redaction;

namespace Gatehouse.Guardrails.Streaming;

/// <summary>
/// One streamed text (a choice's content, or a tool call's arguments) on its way to the client, with a bounded
/// look-behind. Each new piece is appended to the text held back (<see cref="Append"/>), the detectors inspect the
/// whole, and <see cref="Release"/> lets go of everything but the last <c>lookBehind</c> characters, less whatever a
/// finding still growing at the end, a finding running across that point, or a placeholder not yet complete
/// (<c>[EMAI</c>) covers: those wait for the next piece, or the end. Released text has its redactions applied and its
/// placeholders restored. A finding still growing at the end is held until it stops growing, however long it gets:
/// releasing part of a value that is still arriving would let its start through unredacted.
/// </summary>
public sealed class StreamingGuardrailWindow(int lookBehind, RedactionVault? vault, bool jsonEscaped = false)
{
    private string _buffer = "";

    /// <summary>The text held back since the last release.</summary>
    public string Held { get; private set; } = "";

    /// <summary>The held text and <paramref name="text"/>: what the detectors are to inspect now.</summary>
    public string Append(string text)
    {
        _buffer = Held.Length == 0 ? text : string.Concat(Held, text);
        return _buffer;
    }

    /// <summary>
    /// Whether a finding in the current text can no longer change with more text: it ends before the text does (the
    /// character after it is known), or the stream is over (<paramref name="final"/>).
    /// </summary>
    public bool IsSettled(DetectorFinding finding, bool final) => final || finding.Start + finding.Length < _buffer.Length;

    /// <summary>
    /// Lets go of what no finding can still reach (everything when <paramref name="final"/>), with
    /// <paramref name="rewrites"/> (settled findings to redact) applied and placeholders restored; keeps the rest.
    /// <paramref name="findings"/> are all the detectors reported on the current text. <paramref name="applied"/>
    /// receives the rewrites carried out.
    /// </summary>
    public string Release(IReadOnlyList<DetectorFinding> findings, IReadOnlyList<GuardrailRewrite> rewrites, bool final, List<GuardrailRewrite>? applied = null)
    {
        var cut = final ? _buffer.Length : Cut(findings, final);
        var released = cut == _buffer.Length ? _buffer : _buffer[..cut];
        Held = cut == _buffer.Length ? "" : _buffer[cut..];
        _buffer = "";
        if (rewrites.Count > 0)
        {
            released = SpanRewriter.Apply(released, Within(rewrites, cut), vault: null, applied);
        }

        return vault is null ? released : vault.Restore(released, jsonEscaped);
    }

    private int Cut(IReadOnlyList<DetectorFinding> findings, bool final)
    {
        var length = _buffer.Length;
        var cut = Math.Max(0, length - lookBehind);
        for (var moved = true; moved;)
        {
            moved = false;
            foreach (var finding in findings)
            {
                var end = finding.Start + finding.Length;
                if (finding.Segment < 0 || finding.Length <= 0 || finding.Start < 0 || end > length || finding.Start >= cut)
                {
                    continue;
                }

                if (end > cut || !IsSettled(finding, final))
                {
                    cut = finding.Start; // runs across the cut, or may still grow: held whole
                    moved = true;
                }
            }

            var safe = vault?.SafeCut(_buffer, cut) ?? cut;
            if (safe > 0 && safe < length && char.IsHighSurrogate(_buffer[safe - 1]))
            {
                safe--; // never split a surrogate pair
            }

            moved |= safe != cut;
            cut = safe;
        }

        return cut;
    }

    private static List<GuardrailRewrite> Within(IReadOnlyList<GuardrailRewrite> rewrites, int cut)
    {
        var within = new List<GuardrailRewrite>(rewrites.Count);
        foreach (var rewrite in rewrites)
        {
            if (rewrite.End <= cut)
            {
                within.Add(rewrite);
            }
        }

        return within;
    }
}
