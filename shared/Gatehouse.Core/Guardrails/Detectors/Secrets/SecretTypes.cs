using System.Collections.Frozen;

namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>The finding types <see cref="SecretDetector"/> reports; policy rules name them.</summary>
public static class SecretTypes
{
    /// <summary>AKIA or ASIA and 16 base32 characters.</summary>
    public const string AwsAccessKey = "AWS_ACCESS_KEY";

    /// <summary>40 base64 characters assigned to a key named for AWS or a secret.</summary>
    public const string AwsSecretKey = "AWS_SECRET_KEY";

    /// <summary>A connection string's <c>AccountKey=</c>: 88 base64 characters, 64 bytes.</summary>
    public const string AzureStorageKey = "AZURE_STORAGE_KEY";

    /// <summary>A shared access signature's <c>sig=</c>: an HMAC-SHA256, 32 bytes in (URL-encoded) base64.</summary>
    public const string AzureSas = "AZURE_SAS";

    /// <summary>An Entra ID (Azure AD) client secret: three characters, a digit, <c>Q~</c>, 31 to 34 more.</summary>
    public const string AzureAdClientSecret = "AZURE_AD_CLIENT_SECRET";

    /// <summary>AIza and 35 characters.</summary>
    public const string GcpApiKey = "GCP_API_KEY";

    /// <summary>The <c>"private_key"</c> of a service account's JSON key file.</summary>
    public const string GcpServiceAccountKey = "GCP_SERVICE_ACCOUNT_KEY";

    /// <summary>ghp_, gho_, ghu_, ghs_, ghr_ and 36 characters; github_pat_ and 82.</summary>
    public const string GitHubToken = "GITHUB_TOKEN";

    /// <summary>glpat- and 20 characters or more.</summary>
    public const string GitLabToken = "GITLAB_TOKEN";

    /// <summary>xoxb-, xoxp-, xoxa- and xoxr- tokens, and incoming-webhook URLs.</summary>
    public const string SlackToken = "SLACK_TOKEN";

    /// <summary>sk_live_, sk_test_, rk_live_, rk_test_ and 24 characters or more (publishable pk_ keys are public).</summary>
    public const string StripeKey = "STRIPE_KEY";

    /// <summary>sk-proj-, sk-svcacct-, sk-admin- keys, and sk- keys with the T3BlbkFJ marker.</summary>
    public const string OpenAIApiKey = "OPENAI_API_KEY";

    /// <summary>sk-ant-api03-, sk-ant-admin01- (and sk-ant-oat01-) keys.</summary>
    public const string AnthropicApiKey = "ANTHROPIC_API_KEY";

    /// <summary>Three base64url parts whose header and payload decode to JSON objects, the header naming its <c>alg</c>.</summary>
    public const string Jwt = "JWT";

    /// <summary>A PEM private key block (RSA, EC, OPENSSH, DSA, PGP, ENCRYPTED or PKCS#8), from BEGIN to END.</summary>
    public const string PrivateKey = "PRIVATE_KEY";

    /// <summary>The password of an ADO-style connection string (<c>Password=</c>, <c>Pwd=</c>) or of a URI (<c>user:password@</c>).</summary>
    public const string ConnectionStringPassword = "CONNECTION_STRING_PASSWORD";

    /// <summary>A high-entropy value assigned to a secret-like name (password, token, api_key, ...) or sent as a bearer token.</summary>
    public const string GenericSecret = "GENERIC_SECRET";

    public static FrozenSet<string> All { get; } = FrozenSet.Create(
        StringComparer.Ordinal,
        AwsAccessKey, AwsSecretKey, AzureStorageKey, AzureSas, AzureAdClientSecret, GcpApiKey, GcpServiceAccountKey, GitHubToken,
        GitLabToken, SlackToken, StripeKey, OpenAIApiKey, AnthropicApiKey, Jwt, PrivateKey, ConnectionStringPassword, GenericSecret);
}
