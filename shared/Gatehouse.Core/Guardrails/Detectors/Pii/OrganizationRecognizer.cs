namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Organisations: a run of capitalised words (joined by "&amp;", "and", "of" at most) that ends in a legal form or kind
/// of organisation ("Acme Widgets Inc.", "First National Bank", see <see cref="OrganizationSuffixes"/>) or starts with
/// one before "of" ("Bank of America"), or up to three capitalised words after an employment cue ("work for",
/// "employed by", "joined").
/// </summary>
internal sealed class OrganizationRecognizer : IPiiRecognizer
{
    private const int MaxWords = 6;

    private static readonly ContextWords Cues = new(
        "work for", "works for", "worked for", "working for", "work at", "works at", "worked at", "working at",
        "employed by", "employed at", "employee of", "employees of", "joined", "intern at", "interned at", "hired by",
        "ceo of", "founder of", "co-founder of", "cto of", "cfo of", "on behalf of", "customer of");

    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        var words = input.Words;
        for (var position = 0; words.Next(position, out var start, out var end); position = end)
        {
            var word = text.AsSpan(start, end - start);
            if (!Words.IsCapitalized(text, start) || CommonWords.Contains(word))
            {
                continue;
            }

            var (runEnd, nameEnd) = Run(words, text, start, end);
            if (nameEnd > 0)
            {
                var length = nameEnd - start + (nameEnd < text.Length && text[nameEnd] == '.' && IsAbbreviation(text, nameEnd) ? 1 : 0);
                matches.Add(new PiiMatch(PiiTypes.Organization, start, length, 0.6, "organisation name (legal form or kind)"));
                end = nameEnd;
            }
            else if (Cues.JustBefore(text, start))
            {
                end = runEnd;
                matches.Add(new PiiMatch(PiiTypes.Organization, start, end - start, 0.45, "capitalised words after an employment word"));
            }
        }
    }

    /// <summary>
    /// From the capitalised word at start..end: the end of its run of capitalised words (at most three, for a cue), and
    /// the end of the organisation name it makes, when it is one: the run's last suffix word after at least one other
    /// word ("Acme Inc"), or "Head of X ..." ("Bank of America"); 0 when it is none.
    /// </summary>
    private static (int RunEnd, int NameEnd) Run(PiiWords words, string text, int start, int end)
    {
        var head = OrganizationSuffixes.IsHead(text.AsSpan(start, end - start));
        var (runEnd, nameEnd, sawOf, capitalized) = (end, 0, false, 1);
        for (var count = 1; count < MaxWords && words.Next(end, out var nextStart, out var nextEnd) && Separated(text, end, nextStart); count++)
        {
            var word = text.AsSpan(nextStart, nextEnd - nextStart);
            if (!Words.IsCapitalized(text, nextStart))
            {
                if (word is not ("and" or "of" or "the") || (word is "of" && count > 1 && !head))
                {
                    break;
                }

                sawOf |= word is "of";
                end = nextEnd;
                continue;
            }

            end = nextEnd;
            runEnd = ++capitalized <= 3 ? nextEnd : runEnd;
            if (OrganizationSuffixes.Contains(word) || (head && sawOf))
            {
                nameEnd = nextEnd;
            }
        }

        return (runEnd, nameEnd);
    }

    /// <summary>A single space, or " &amp; ", between two words.</summary>
    private static bool Separated(string text, int end, int nextStart) =>
        Words.Adjacent(text, end, nextStart) || (nextStart == end + 3 && text.AsSpan(end, 3) is " & ");

    private static bool IsAbbreviation(string text, int dot) => dot + 1 >= text.Length || char.IsWhiteSpace(text[dot + 1]) || text[dot + 1] is ',' or ')';
}
