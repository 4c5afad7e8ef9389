using System.Collections.Frozen;
using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

/// <summary>
/// The shortcuts the recognizers take to stay fast, each checked against the plain definition it replaces, over texts
/// with the awkward cases: non-ASCII letters that fold to ASCII ones, combining marks, possessives, initials, joiners.
/// </summary>
public sealed class PiiScanTests
{
    private static readonly string[] Texts =
    [
        "Meet Anna O'Brien-Smith on Monday 5 June 2024 at 10:30, aged 42; T. Müller's flat is at 221B Baker Street.",
        "SATURDAY ſunday ıstanbul Kelvin \u212A mon-tue x9 8:15pm in 1999 v2 3rd of May, 2021 12.05.24 4/31/2023 ",
        "  e\u0301cole  Jean-Luc   Ævar  日本語 テスト 1234-05-06 Wed   ag\u00e9 turned 30 years-old 7 y/o",
        "",
        "9",
        "ab",
        "x'",
        "Thu' 'Fri -sat 00 0 000 0000",
    ];

    [Fact]
    public void WordSet_AnswersAsAnIgnoreCaseSetDoes()
    {
        string[] listed = ["Anna", "Müller", "New York", "al", "O'Brien", "ıvan", "Ærø"];
        var reference = listed.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        var set = new PiiWordSet(listed);
        string[] probes = ["anna", "ANNA", "Ann", "Annab", "müller", "MÜLLER", "new york", "New  York", "AL", "a", "o'brien", "IVAN", "ivan", "ærø", "ÆRØ", ""];

        foreach (var probe in probes.Concat(listed).Concat(Texts.SelectMany(t => t.Split(' '))))
        {
            Assert.True(reference.Contains(probe) == set.Contains(probe), $"'{probe}'");
        }
    }

    [Fact]
    public void Words_FromEveryWordEnd_AreTheWordsReadAfresh()
    {
        foreach (var text in Texts)
        {
            using var words = new PiiWords(text);
            var from = new List<int> { 0 };
            for (var position = 0; Words.Next(text, position, out _, out var end); position = end)
            {
                from.Add(end);
            }

            // In order, and again backwards, so the answers do not depend on where the last question was.
            foreach (var position in from.Concat(Enumerable.Reverse(from)))
            {
                var expected = Words.Next(text, position, out var expectedStart, out var expectedEnd);
                var actual = words.Next(position, out var start, out var end);
                Assert.Equal((expected, expectedStart, expectedEnd), (actual, start, end));
            }
        }
    }

    [Fact]
    public void Starts_AreTheWordStartsWithADigitOrAPrefix()
    {
        var starts = new PiiStarts("mon", "tue", "wed", "thu", "fri", "sat", "sun");
        foreach (var text in Texts)
        {
            var expected = Enumerable.Range(0, text.Length)
                .Where(i => PiiScan.StartsWord(text, i) && (char.IsAsciiDigit(text[i]) || PiiScan.StartsLike(text, i, "mon", "tue", "wed", "thu", "fri", "sat", "sun")))
                .ToList();

            var cursor = starts.In(text);
            var actual = new List<int>();
            for (var i = cursor.Next(0); i >= 0; i = cursor.Next(i + 1))
            {
                actual.Add(i);
            }

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Dates_AreThoseAFullScanFinds()
    {
        foreach (var text in Texts.Append("On 2024-05-31 and 5/31/2024, 31.05.24, May 31, 2024 and 31st of May 2024; not 2.4.1 or 10.20.30.40 or 1234-5-6."))
        {
            var expected = new List<(int, int)>();
            for (var i = 0; i < text.Length; i++)
            {
                if (PiiDates.Anchored().Match(text, i) is { Success: true } match)
                {
                    if (PiiDates.IsValid(match))
                    {
                        expected.Add((match.Index, match.Length));
                    }

                    i += match.Length - 1;
                }
            }

            Assert.Equal(expected, PiiDates.Find(text));
        }
    }
}
