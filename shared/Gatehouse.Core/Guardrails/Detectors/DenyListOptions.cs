namespace Gatehouse.Guardrails.Detectors;

/// <summary><c>Gatehouse:Guardrails:DenyList</c>: words and phrases whose presence in a prompt is a <c>DENY_TERM</c> finding.</summary>
public sealed class DenyListOptions
{
    public const int MaxTermLength = 256;

    /// <summary>Matched as whole words, ignoring case and Unicode compatibility forms (<see cref="DenyListDetector"/>).</summary>
    public List<string> Terms { get; set; } = [];

    /// <summary>Every problem with the terms, each prefixed with <paramref name="path"/>.</summary>
    public IReadOnlyList<string> Validate(string path)
    {
        var errors = new List<string>();
        for (var i = 0; i < Terms.Count; i++)
        {
            var term = Terms[i] ?? "";
            if (term.Length > MaxTermLength)
            {
                errors.Add($"{path}:Terms:{i}: is longer than {MaxTermLength} characters.");
            }
            else if (string.IsNullOrWhiteSpace(UnicodeFolding.Fold(term).Text))
            {
                errors.Add($"{path}:Terms:{i}: is empty (or only spaces and invisible characters).");
            }
        }

        return errors;
    }
}
