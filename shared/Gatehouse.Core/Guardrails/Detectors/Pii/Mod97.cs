namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>The ISO 7064 MOD 97-10 check IBANs carry (ISO 13616): valid when the rearranged number mod 97 is 1.</summary>
internal static class Mod97
{
    /// <summary>
    /// <paramref name="iban"/> without spaces, upper case: the first four characters move to the end, letters become
    /// 10 to 35, and the remainder is taken digit by digit so no big integer is needed.
    /// </summary>
    public static bool IsValidIban(ReadOnlySpan<char> iban)
    {
        var remainder = 0;
        for (var i = 0; i < iban.Length; i++)
        {
            var c = iban[(i + 4) % iban.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return iban.Length > 4 && remainder == 1;
    }
}
