namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>The Luhn (mod 10) check digit that payment card numbers end with (ISO/IEC 7812-1).</summary>
internal static class Luhn
{
    /// <summary>True when the digits (nothing else) pass the check.</summary>
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var digit = digits[i] - '0';
            if (doubled)
            {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }

            sum += digit;
            doubled = !doubled;
        }

        return digits.Length > 1 && sum % 10 == 0;
    }
}
