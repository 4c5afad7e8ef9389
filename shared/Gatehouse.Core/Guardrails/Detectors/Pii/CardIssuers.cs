namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Issuer identification number (IIN) ranges of the major card schemes and the lengths their numbers have, so a
/// Luhn-valid run of digits also has to start like a real card. From the schemes' published ranges (Visa, Mastercard,
/// American Express, Discover/Diners Club, JCB, UnionPay, Maestro, Mir, RuPay); JCB's legacy 15-digit 1800 and 2131
/// ranges included.
/// </summary>
internal static class CardIssuers
{
    private static readonly Range[] Ranges =
    [
        new(4, 4, 13, 19),              // Visa (13, 16 and 19 digits)
        new(51, 55, 16, 16),            // Mastercard
        new(2221, 2720, 16, 16),        // Mastercard 2-series
        new(34, 34, 15, 15),            // American Express
        new(37, 37, 15, 15),
        new(6011, 6011, 16, 19),        // Discover
        new(644, 649, 16, 19),
        new(65, 65, 16, 19),
        new(3528, 3589, 16, 19),        // JCB
        new(1800, 1800, 15, 15),        // JCB legacy
        new(2131, 2131, 15, 15),
        new(300, 305, 14, 19),          // Diners Club International
        new(3095, 3095, 14, 19),
        new(36, 36, 14, 19),
        new(38, 39, 14, 19),
        new(62, 62, 16, 19),            // UnionPay
        new(50, 50, 12, 19),            // Maestro
        new(56, 69, 12, 19),
        new(2200, 2204, 16, 19),        // Mir
        new(60, 60, 16, 16),            // RuPay
        new(81, 82, 16, 16),
    ];

    /// <summary>True when the digits start with a known IIN and have a length that scheme issues.</summary>
    public static bool IsKnown(ReadOnlySpan<char> digits)
    {
        foreach (var range in Ranges)
        {
            if (digits.Length >= range.MinLength && digits.Length <= range.MaxLength
                && Prefix(digits, range.Width) is var prefix && prefix >= range.First && prefix <= range.Last)
            {
                return true;
            }
        }

        return false;
    }

    private static int Prefix(ReadOnlySpan<char> digits, int width)
    {
        var value = 0;
        for (var i = 0; i < width; i++)
        {
            value = (value * 10) + digits[i] - '0';
        }

        return value;
    }

    private readonly record struct Range(int First, int Last, int MinLength, int MaxLength)
    {
        /// <summary>How many leading digits the range compares.</summary>
        public int Width => First < 10 ? 1 : First < 100 ? 2 : First < 1000 ? 3 : 4;
    }
}
