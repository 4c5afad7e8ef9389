using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// IP addresses. IPv4: four dotted decimal octets of 0-255 without leading zeros, not part of a longer dotted number
/// (1.2.3.4.5) and not right after "version", "v" or the like (a four-part version number). IPv6: a run of hex groups
/// and colons that <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/> accepts as IPv6, with at least
/// three groups (so "12:30:45" or "a::b" in code are not candidates).
/// </summary>
internal sealed partial class IpAddressRecognizer : IPiiRecognizer
{
    private static readonly ContextWords VersionContext = new("version", "ver", "ver.", "v", "release", "build", "firmware");

    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        // Tried only where an address can start (a digit run for IPv4; up to four characters before a colon for IPv6),
        // not at every position; leftmost matches that do not overlap, as a full scan finds them.
        for (var digit = text.AsSpan().IndexOfAnyInRange('0', '9'); digit >= 0; digit = NextDigit(text, digit))
        {
            if ((digit == 0 || !char.IsAsciiDigit(text[digit - 1])) && V4Candidates().Match(text, digit) is { Success: true } match)
            {
                if (IsV4(text.AsSpan(match.Index, match.Length)) && !VersionContext.Before(text, match.Index, 12))
                {
                    matches.Add(new PiiMatch(PiiTypes.IpAddress, match.Index, match.Length, 0.95, "IPv4 address"));
                }

                digit = match.Index + match.Length - 1;
            }
        }

        var next = 0;
        for (var colon = text.IndexOf(':'); colon >= 0; colon = colon + 1 < text.Length ? text.IndexOf(':', colon + 1) : -1)
        {
            for (var start = Math.Max(next, colon - 4); start <= colon; start++)
            {
                if ((start == 0 || !char.IsLetterOrDigit(text[start - 1])) && V6Candidates().Match(text, start) is { Success: true } match)
                {
                    next = match.Index + match.Length;
                    AddV6(text, match.Index, match.Length, matches);
                    break;
                }
            }
        }
    }

    private static int NextDigit(string text, int digit)
    {
        var next = digit + 1 < text.Length ? text.AsSpan(digit + 1).IndexOfAnyInRange('0', '9') : -1;
        return next < 0 ? -1 : digit + 1 + next;
    }

    private static void AddV6(string text, int index, int length, List<PiiMatch> matches)
    {
        var value = text.AsSpan(index, length);
        if (value.Count(':') >= 2 && Groups(value) >= 3
            && IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            matches.Add(new PiiMatch(PiiTypes.IpAddress, index, length, 0.95, "IPv6 address"));
        }
    }

    private static bool IsV4(ReadOnlySpan<char> value)
    {
        foreach (var range in value.Split('.'))
        {
            var octet = value[range];
            if (octet.Length > 1 && octet[0] == '0')
            {
                return false;
            }

            var number = 0;
            foreach (var c in octet)
            {
                number = (number * 10) + (c - '0');
            }

            if (number > 255)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Non-empty hex groups between the colons.</summary>
    private static int Groups(ReadOnlySpan<char> value)
    {
        var groups = 0;
        foreach (var range in value.Split(':'))
        {
            groups += value[range].IsEmpty ? 0 : 1;
        }

        return groups;
    }

    [GeneratedRegex(@"\G(?<![\w.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![\w]|\.[0-9])", RegexOptions.CultureInvariant, PiiPatterns.TimeoutMs)]
    private static partial Regex V4Candidates();

    [GeneratedRegex(@"\G(?<![\w:.])(?:[0-9A-Fa-f]{1,4}|:)?(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:]|\.[0-9])", RegexOptions.CultureInvariant, PiiPatterns.TimeoutMs)]
    private static partial Regex V6Candidates();
}
