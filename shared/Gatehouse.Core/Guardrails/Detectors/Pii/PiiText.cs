namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// One folded text as the recognizers read it: the characters, and its words, split once on first use and shared by
/// the recognizers of names, places, organisations and groups (each walked every word on its own before).
/// </summary>
internal sealed class PiiText(string value) : IDisposable
{
    private PiiWords? _words;

    public string Value { get; } = value;

    public PiiWords Words => _words ??= new PiiWords(Value);

    public void Dispose() => _words?.Dispose();
}
