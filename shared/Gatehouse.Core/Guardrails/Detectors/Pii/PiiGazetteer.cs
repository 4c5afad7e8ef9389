using System.Collections.Frozen;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// The word lists the name, place and group recognizers look words up in, embedded from <c>Pii/Data/*.txt</c> (each
/// file's header names its public source): common US first names and surnames, countries, capitals, major cities and
/// US states, nationalities and religions. Read once; looked up by span, ignoring case, without allocating (<see cref="PiiWordSet"/>).
/// </summary>
internal static class PiiGazetteer
{
    public static readonly PiiWordSet FirstNames = Load("first-names.txt");
    public static readonly PiiWordSet Surnames = Load("surnames.txt");
    public static readonly PiiWordSet Places = Load("places.txt");
    public static readonly PiiWordSet Nationalities = Load("nationalities.txt");

    /// <summary>
    /// The first words of the places and of the groups: a phrase can be one only when its first word is one of these,
    /// so the recognizers skip the multi-word lookups for the great majority of words, which are not.
    /// </summary>
    public static readonly PiiWordSet PlaceStarts = FirstWords(Places.Set);

    /// <inheritdoc cref="PlaceStarts"/>
    public static readonly PiiWordSet NationalityStarts = FirstWords(Nationalities.Set);

    /// <summary>The most words a place or group name has here ("Democratic Republic of the Congo"), so lookups know when to stop.</summary>
    public const int MaxPhraseWords = 6;

    private static PiiWordSet FirstWords(FrozenSet<string> phrases)
    {
        var firsts = new List<string>(phrases.Count);
        foreach (var phrase in phrases)
        {
            var space = phrase.IndexOf(' ', StringComparison.Ordinal);
            firsts.Add(space < 0 ? phrase : phrase[..space]);
        }

        return new PiiWordSet(firsts);
    }

    private static PiiWordSet Load(string file)
    {
        var name = $"Gatehouse.Guardrails.Detectors.Pii.{file}";
        using var stream = typeof(PiiGazetteer).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        var entries = new List<string>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length > 0 && line[0] != '#')
            {
                entries.Add(line.Trim());
            }
        }

        return new PiiWordSet(entries);
    }
}
