using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>
/// Passwords in connection strings: ADO-style <c>Password=</c> or <c>Pwd=</c> pairs (after a <c>;</c>, or followed by
/// one, so prose such as "Set Password=hunter2 and restart" is left to the generic rule), quoted or not; and the
/// password of a URI's <c>user:password@</c> for database, broker and web schemes (<c>postgres://</c>,
/// <c>mongodb+srv://</c>, <c>redis://:password@</c>, <c>amqp://</c>, <c>mysql://</c>, <c>https://</c>, ...). People
/// choose these passwords, so entropy is not asked for; stand-ins are turned away (<c>myPassword</c>,
/// <c>&lt;password&gt;</c>, <c>${DB_PASS}</c>, <c>%DB_PASS%</c>, <c>****</c>).
/// </summary>
internal static partial class ConnectionStringSecretRules
{
    private const string Explanation = "A connection string's Password= or Pwd= value.";

    public static SecretRule[] Rules { get; } =
    [
        new(SecretTypes.ConnectionStringPassword, UriPassword(), 0.9, "A password in a URI's user information (user:password@).", IsPassword),
        new(SecretTypes.ConnectionStringPassword, PasswordAfterSemicolon(), 0.9, Explanation, IsPassword),
        new(SecretTypes.ConnectionStringPassword, PasswordBeforeSemicolon(), 0.9, Explanation, IsPassword, SecretRule.Word),
    ];

    private static bool IsPassword(ReadOnlySpan<char> value) =>
        value.Length >= 3 && value.Trim().Length >= 3 && !SecretValue.IsPlaceholder(value) && !value.Contains('$') && !value.Contains('%');

    // The user part stops at ':' and the password at '@', both outside their classes: no backtracking.
    [GeneratedRegex(@"(?i:postgres(?:ql)?|mongodb(?:\+srv)?|rediss?|amqps?|mysql|mariadb|mssql|sqlserver|https?|ftps?|smtps?|ldaps?)://[^\s:/@?#]*:(?<v>[^\s/@?#]{3,})@",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex UriPassword();

    // An unquoted value may hold spaces (ADO allows it) but not end with one. Values are 3 characters or more here as
    // in IsPassword, so a text of ";Password=a" does not cost a Match object per pair.
    [GeneratedRegex(@";\s*(?:password|pwd)\s*=\s*(?:""(?<v>[^""\r\n]{3,})""|'(?<v>[^'\r\n]{3,})'|(?<v>[^;""'\s][^;""'\r\n]+[^;""'\s]))",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex PasswordAfterSemicolon();

    // Atomic and bounded: a run not followed by ';' is not retried shorter, and a text of "password=password=..."
    // (one run) costs at most 64 characters per candidate rather than the rest of the text. Longer unquoted passwords
    // are found when a ';' comes before them.
    [GeneratedRegex(@"(?:password|pwd)\s*=\s*(?:""(?<v>[^""\r\n]{3,})""|'(?<v>[^'\r\n]{3,})'|(?<v>(?>[^;""'\s]{3,64})))(?=\s*;)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex PasswordBeforeSemicolon();
}
