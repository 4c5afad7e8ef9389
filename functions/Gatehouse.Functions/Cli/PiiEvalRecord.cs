namespace Gatehouse.Cli;

/// <summary>One line of a PII evaluation file: where it was (1-based line), the text, and its gold spans in UTF-16 offsets.</summary>
internal sealed record PiiEvalRecord(int Line, string Text, IReadOnlyList<PiiEvalSpan> Spans);
