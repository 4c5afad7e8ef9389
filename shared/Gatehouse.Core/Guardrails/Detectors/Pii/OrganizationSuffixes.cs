using System.Collections.Frozen;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Words that end an organisation's name (legal forms such as Inc, LLC, GmbH; kinds such as Bank, University, Group)
/// and words that start one before "of" ("Bank of ...", "University of ..."). Compared ignoring case, so "INC" and
/// "Inc" are alike; a trailing dot ("Inc.") is not part of the word. Descriptive words that also end company names
/// (Systems, Analytics, Solutions, Networks) are left out: in prompts they mostly end Title Case headings and terms
/// ("Embedded Systems", "Neural Networks"); leaving them out cost a third of the organisations found in the dev data.
/// </summary>
internal static class OrganizationSuffixes
{
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Suffixes = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "Inc", "Incorporated", "LLC", "Ltd", "Limited", "Corp", "Corporation", "Co", "Company", "GmbH", "AG", "SA", "SAS",
        "SpA", "BV", "NV", "PLC", "LLP", "LP", "Pty", "Group", "Holdings", "Bank", "Bancorp", "University", "College",
        "Institute", "Foundation", "Association", "Society", "Hospital", "Clinic", "Academy", "Council", "Commission",
        "Ministry", "Authority", "Federation", "Airlines", "Airways", "Motors", "Pharmaceuticals", "Brothers", "Bros",
        "Associates", "Partners", "Insurance", "Securities", "Investments", "Realty")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Heads = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "Bank", "University", "College", "Institute", "Department", "Ministry", "Bureau", "Museum", "Church", "Hospital",
        "Council", "Board", "Commission", "Academy", "Federation", "Society", "School", "Office", "Agency", "League")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool Contains(ReadOnlySpan<char> word) => Suffixes.Contains(word);

    /// <summary>A word that starts an organisation's name when "of" follows it.</summary>
    public static bool IsHead(ReadOnlySpan<char> word) => Heads.Contains(word);
}
