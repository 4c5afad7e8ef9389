namespace Gatehouse.Cli;

/// <summary>A labelled or predicted PII span: UTF-16 offsets into the text, end exclusive, and its type.</summary>
internal readonly record struct PiiEvalSpan(int Start, int End, string Type)
{
    public bool Overlaps(PiiEvalSpan other) => Start < other.End && other.Start < End;
}
