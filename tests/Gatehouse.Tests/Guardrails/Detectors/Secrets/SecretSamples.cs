using Gatehouse.Guardrails.Detectors.Secrets;
using static Gatehouse.Tests.Guardrails.Detectors.Secrets.FakeSecrets;

namespace Gatehouse.Tests.Guardrails.Detectors.Secrets;

/// <summary>One labelled text: the secret it holds (its type and value, found at its only occurrence), or none.</summary>
public sealed record SecretSample(string Name, string Text, string? Type, string? Value)
{
    public override string ToString() => Name;
}

/// <summary>
/// The labelled table: positives of every type in the contexts they turn up in (config files, env, headers, JSON,
/// prose), and negatives that look close (UUIDs, SHAs, data URLs, lockfile hashes, placeholders, documentation
/// examples, public keys, words after "password"). Secret values come from <see cref="FakeSecrets"/>.
/// </summary>
public static class SecretSamples
{
    public static IReadOnlyList<SecretSample> Positives { get; } = BuildPositives();

    public static IReadOnlyList<SecretSample> Negatives { get; } = BuildNegatives();

    public static IReadOnlyList<SecretSample> All { get; } = [.. Positives, .. Negatives];

    public static SecretSample Named(string name) => All.Single(sample => sample.Name == name);

    private static SecretSample Positive(string name, string type, string value, string before, string after = "") =>
        new(name, before + value + after, type, value);

    private static SecretSample Negative(string name, string text) => new(name, text, null, null);

    private static string AzureClientSecret(int seed) =>
        Chars(seed, Base62, 3) + Chars(seed + 1, Digits, 1) + "Q~" + Chars(seed + 2, Base62 + "_~.-", 33) + Chars(seed + 3, Base62, 1);

    private static string SasSignature(int seed) =>
        Uri.EscapeDataString(Base64Of(seed, 32));

    private static List<SecretSample> BuildPositives()
    {
        var gcpKey = Pem(60, "PRIVATE KEY", 1190, newline: "\\n");
        var rsaKey = Pem(61, "RSA PRIVATE KEY", 1190);
        var jwtHs = Jwt(70, """{"alg":"HS256","typ":"JWT"}""", """{"sub":"user-1842","name":"Test User","iat":1700000000}""");
        var jwtRs = Jwt(71, """{"alg":"RS256","kid":"k1","typ":"JWT"}""", """{"iss":"https://login.example.test/","aud":"api","exp":1900000000,"scp":["read","write"]}""");
        var jwtEs = Jwt(72, """{"typ":"JWT","alg":"ES256"}""", """{"sub":"svc","roles":{"admin":false}}""");
        var jwtId = Jwt(73, """{"alg":"RS256"}""", """{"sub":"42","nonce":"n-0S6_WzA2Mj"}""");
        return
        [
            // AWS
            Positive("aws-access-key-ini", SecretTypes.AwsAccessKey, "AKIA" + Chars(1, Base32, 16), "[default]\naws_access_key_id = ", "\nregion = eu-west-1"),
            Positive("aws-session-key-sts-json", SecretTypes.AwsAccessKey, "ASIA" + Chars(2, Base32, 16), "{\"Credentials\": {\"AccessKeyId\": \"", "\", \"Expiration\": \"2030-01-01T00:00:00Z\"}}"),
            Positive("aws-access-key-prose", SecretTypes.AwsAccessKey, "AKIA" + Chars(3, Base32, 16), "Why does my key ", " get AccessDenied on s3:GetObject?"),
            Positive("aws-access-key-export", SecretTypes.AwsAccessKey, "AKIA" + Chars(4, Base32, 16), "export AWS_ACCESS_KEY_ID=", "\n"),
            Positive("aws-secret-key-ini", SecretTypes.AwsSecretKey, Chars(5, Base64, 40), "[default]\naws_secret_access_key = ", "\n"),
            Positive("aws-secret-key-sts-json", SecretTypes.AwsSecretKey, Chars(6, Base64, 40), "{\"SecretAccessKey\": \"", "\", \"SessionToken\": \"abc\"}"),
            Positive("aws-secret-key-env", SecretTypes.AwsSecretKey, Chars(7, Base64, 40), "AWS_SECRET_ACCESS_KEY=", "\nAWS_REGION=us-east-1"),

            // Azure
            Positive("azure-storage-connection-string", SecretTypes.AzureStorageKey, Base64Of(10, 64), "DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=", ";EndpointSuffix=core.windows.net"),
            Positive("azure-storage-appsettings", SecretTypes.AzureStorageKey, Base64Of(11, 64), "{\"ConnectionStrings\": {\"Blob\": \"DefaultEndpointsProtocol=https;AccountName=x1;AccountKey=", "\"}}"),
            Positive("azure-storage-last-pair", SecretTypes.AzureStorageKey, Base64Of(12, 64), "AccountName=logs;AccountKey=", ""),
            Positive("azure-sas-blob-url", SecretTypes.AzureSas, SasSignature(13), "https://contoso.blob.core.windows.net/reports/q3.pdf?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&spr=https&sig=", ""),
            Positive("azure-sas-connection-string", SecretTypes.AzureSas, SasSignature(14), "BlobEndpoint=https://contoso.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacup&se=2030-01-01T00:00:00Z&sig=", ""),
            Positive("azure-sas-quoted", SecretTypes.AzureSas, SasSignature(15), "curl \"https://contoso.queue.core.windows.net/jobs/messages?sv=2022-11-02&sp=a&sig=", "\""),
            Positive("azure-ad-secret-json", SecretTypes.AzureAdClientSecret, AzureClientSecret(16), "{\"tenantId\": \"contoso.onmicrosoft.com\", \"clientSecret\": \"", "\"}"),
            Positive("azure-ad-secret-env", SecretTypes.AzureAdClientSecret, AzureClientSecret(20), "AZURE_CLIENT_SECRET=", "\n"),
            Positive("azure-ad-secret-prose", SecretTypes.AzureAdClientSecret, AzureClientSecret(24), "The app registration's secret is ", " and it expires next year."),

            // Google Cloud
            Positive("gcp-api-key-url", SecretTypes.GcpApiKey, "AIza" + Chars(30, Base64Url, 35), "https://maps.googleapis.com/maps/api/geocode/json?address=Main+St&key=", ""),
            Positive("gcp-api-key-env", SecretTypes.GcpApiKey, "AIza" + Chars(31, Base64Url, 35), "GOOGLE_API_KEY=", "\n"),
            Positive("gcp-api-key-firebase", SecretTypes.GcpApiKey, "AIza" + Chars(32, Base64Url, 35), "const firebaseConfig = { apiKey: \"", "\", authDomain: \"demo.firebaseapp.com\" };"),
            Positive("gcp-service-account-file", SecretTypes.GcpServiceAccountKey, gcpKey,
                $"{{\"type\": \"service_account\", \"project_id\": \"demo-project\", \"private_key_id\": \"{Chars(33, Hex, 40)}\", \"private_key\": \"",
                """\n", "client_email": "svc@demo-project.iam.gserviceaccount.com", "client_id": "104729384756102938475"}"""),
            Positive("gcp-service-account-compact", SecretTypes.GcpServiceAccountKey, Pem(34, "PRIVATE KEY", 600, newline: "\\n"), "{\"private_key\":\"", "\\n\"}"),

            // Source control
            Positive("github-pat-classic", SecretTypes.GitHubToken, "ghp_" + Chars(40, Base62, 36), "export GITHUB_TOKEN=", "\n"),
            Positive("github-oauth", SecretTypes.GitHubToken, "gho_" + Chars(41, Base62, 36), "Authorization: token ", ""),
            Positive("github-user-to-server", SecretTypes.GitHubToken, "ghu_" + Chars(42, Base62, 36), "token=", "&state=ok"),
            Positive("github-app-in-clone-url", SecretTypes.GitHubToken, "ghs_" + Chars(43, Base62, 36), "git clone https://x-access-token:", "@github.com/contoso/app.git"),
            Positive("github-refresh", SecretTypes.GitHubToken, "ghr_" + Chars(44, Base62, 36), "{\"refresh_token\": \"", "\"}"),
            Positive("github-fine-grained", SecretTypes.GitHubToken, "github_pat_" + Chars(45, Base62, 22) + "_" + Chars(46, Base62, 59), "Here is my token ", ", why is it rejected?"),
            Positive("gitlab-header", SecretTypes.GitLabToken, "glpat-" + Chars(47, Base62 + "-_", 20), "curl --header \"PRIVATE-TOKEN: ", "\" https://gitlab.example.com/api/v4/projects"),
            Positive("gitlab-in-clone-url", SecretTypes.GitLabToken, "glpat-" + Chars(48, Base62, 20), "git remote add origin https://oauth2:", "@gitlab.com/contoso/app.git"),

            // Slack
            Positive("slack-bot", SecretTypes.SlackToken, $"xoxb-{Chars(50, Digits, 11)}-{Chars(51, Digits, 13)}-{Chars(52, Base62, 24)}", "SLACK_BOT_TOKEN=", "\n"),
            Positive("slack-user", SecretTypes.SlackToken, $"xoxp-{Chars(53, Digits, 11)}-{Chars(54, Digits, 11)}-{Chars(55, Digits, 13)}-{Chars(56, Hex, 32)}", "client = WebClient(token=\"", "\")"),
            Positive("slack-app", SecretTypes.SlackToken, $"xoxa-2-{Chars(57, Digits, 12)}-{Chars(58, Digits, 12)}-{Chars(59, Base62, 32)}", "Use ", " for the workspace app."),
            Positive("slack-refresh", SecretTypes.SlackToken, $"xoxr-{Chars(62, Digits, 12)}-{Chars(63, Base62, 40)}", "refresh with ", ""),
            Positive("slack-webhook", SecretTypes.SlackToken, $"T{Chars(64, Upper + Digits, 8)}/B{Chars(65, Upper + Digits, 10)}/{Chars(66, Base62, 24)}", "curl -X POST -d '{\"text\":\"hi\"}' https://hooks.slack.com/services/", ""),

            // Stripe
            Positive("stripe-live-secret", SecretTypes.StripeKey, "sk_live_" + Chars(67, Base62, 24), "stripe.api_key = \"", "\""),
            Positive("stripe-live-restricted", SecretTypes.StripeKey, "rk_live_" + Chars(68, Base62, 99), "STRIPE_RESTRICTED_KEY=", ""),
            Positive("stripe-test-secret", SecretTypes.StripeKey, "sk_test_" + Chars(69, Base62, 24), "curl https://api.stripe.com/v1/charges -u ", ":"),
            Positive("stripe-test-restricted", SecretTypes.StripeKey, "rk_test_" + Chars(74, Base62, 32), "Key: ", ""),

            // Model providers
            Positive("openai-project", SecretTypes.OpenAIApiKey, "sk-proj-" + Chars(75, Base64Url, 74) + "T3BlbkFJ" + Chars(76, Base64Url, 74), "OPENAI_API_KEY=", "\n"),
            Positive("openai-service-account", SecretTypes.OpenAIApiKey, "sk-svcacct-" + Chars(77, Base64Url, 64), "client = OpenAI(api_key=\"", "\")"),
            Positive("openai-admin", SecretTypes.OpenAIApiKey, "sk-admin-" + Chars(78, Base64Url, 58), "Authorization: Bearer ", ""),
            Positive("openai-legacy-marker", SecretTypes.OpenAIApiKey, "sk-" + Chars(79, Base62, 20) + "T3BlbkFJ" + Chars(80, Base62, 20), "my old key ", " still works?"),
            Positive("anthropic-api", SecretTypes.AnthropicApiKey, "sk-ant-api03-" + Chars(81, Base64Url, 93) + "AA", "ANTHROPIC_API_KEY=", "\n"),
            Positive("anthropic-admin", SecretTypes.AnthropicApiKey, "sk-ant-admin01-" + Chars(82, Base64Url, 93) + "AA", "x-api-key: ", "\nanthropic-version: 2023-06-01"),
            Positive("anthropic-in-code", SecretTypes.AnthropicApiKey, "sk-ant-api03-" + Chars(83, Base64Url, 93) + "AA", "client = anthropic.Anthropic(api_key='", "')"),

            // JWT
            Positive("jwt-bearer-header", SecretTypes.Jwt, jwtHs, "Authorization: Bearer ", ""),
            Positive("jwt-cookie", SecretTypes.Jwt, jwtRs, "Cookie: theme=dark; session=", "; lang=en"),
            Positive("jwt-id-token-json", SecretTypes.Jwt, jwtId, "{\"token_type\": \"Bearer\", \"id_token\": \"", "\"}"),
            Positive("jwt-prose", SecretTypes.Jwt, jwtEs, "Decode this for me: ", "."),

            // PEM private keys
            Positive("pem-rsa", SecretTypes.PrivateKey, rsaKey, "Here is the deploy key:\n", "\nthanks"),
            Positive("pem-pkcs8", SecretTypes.PrivateKey, Pem(85, "PRIVATE KEY", 1218), "key.pem:\n", "\n"),
            Positive("pem-ec", SecretTypes.PrivateKey, Pem(86, "EC PRIVATE KEY", 121), "", ""),
            Positive("pem-openssh", SecretTypes.PrivateKey, Pem(87, "OPENSSH PRIVATE KEY", 400), "~/.ssh/id_ed25519:\n", ""),
            Positive("pem-dsa", SecretTypes.PrivateKey, Pem(88, "DSA PRIVATE KEY", 440), "", "\n"),
            Positive("pem-encrypted-pkcs8", SecretTypes.PrivateKey, Pem(89, "ENCRYPTED PRIVATE KEY", 1300), "", ""),
            Positive("pem-pgp-block", SecretTypes.PrivateKey, Pem(90, "PGP PRIVATE KEY BLOCK", 900, headers: "Version: GnuPG v2\n\n"), "", ""),
            Positive("pem-rsa-legacy-encrypted", SecretTypes.PrivateKey, Pem(91, "RSA PRIVATE KEY", 1190, headers: "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89F7E7FF5E42A6E0F5\n\n"), "", ""),
            Positive("pem-crlf", SecretTypes.PrivateKey, Pem(92, "PRIVATE KEY", 600, newline: "\r\n"), "", "\r\n"),
            Positive("pem-cut-off", SecretTypes.PrivateKey, Pem(93, "RSA PRIVATE KEY", 1190)[..800], "", "\n\n(the rest did not fit)"),

            // Connection strings
            Positive("ado-sql-server", SecretTypes.ConnectionStringPassword, "Tr0ub4dor&3x", "Server=tcp:contoso.database.windows.net,1433;Initial Catalog=orders;User ID=app;Password=", ";Encrypt=True;"),
            Positive("ado-odbc-pwd", SecretTypes.ConnectionStringPassword, "h7#Lq2vZ", "Driver={ODBC Driver 18 for SQL Server};Server=db1;Uid=report;Pwd=", ";"),
            Positive("ado-quoted", SecretTypes.ConnectionStringPassword, "a;b c=d", "Host=db;Username=app;Password=\"", "\";Database=main"),
            Positive("ado-password-first", SecretTypes.ConnectionStringPassword, "Kx9-mP2-qR7", "Password=", ";Host=localhost;Username=postgres"),
            Positive("ado-password-last", SecretTypes.ConnectionStringPassword, "S3cure Pass 42", "Data Source=db;User Id=sa; Password=", ""),
            Positive("uri-postgres", SecretTypes.ConnectionStringPassword, "pg-" + Chars(94, Base62, 12), "DATABASE_URL=postgres://app:", "@db.internal:5432/orders"),
            Positive("uri-mongodb-srv", SecretTypes.ConnectionStringPassword, "Mongo" + Chars(95, Base62, 10), "mongodb+srv://admin:", "@cluster0.ab1cd.mongodb.net/?retryWrites=true"),
            Positive("uri-redis-no-user", SecretTypes.ConnectionStringPassword, "r3dis-" + Chars(96, Base62, 8), "REDIS_URL=redis://:", "@cache:6379/0"),
            Positive("uri-amqp", SecretTypes.ConnectionStringPassword, "rabbit" + Chars(97, Base62, 6), "amqp://worker:", "@mq.internal:5672/vhost"),
            Positive("uri-mysql-jdbc", SecretTypes.ConnectionStringPassword, "my5ql!" + Chars(98, Base62, 6), "jdbc:mysql://root:", "@localhost:3306/shop"),
            Positive("uri-https-basic", SecretTypes.ConnectionStringPassword, "dep" + Chars(99, Base62, 9), "pip install --index-url https://deploy:", "@pypi.internal.example/simple pkg"),

            // Generic
            Positive("generic-api-key-python", SecretTypes.GenericSecret, Chars(100, Base62, 32), "api_key = \"", "\""),
            Positive("generic-token-json", SecretTypes.GenericSecret, Chars(101, Base64Url, 40), "{\"user\": \"bot\", \"token\": \"", "\"}"),
            Positive("generic-bearer-opaque", SecretTypes.GenericSecret, Chars(102, Base62, 28), "Authorization: Bearer ", ""),
            Positive("generic-db-password-env", SecretTypes.GenericSecret, Chars(103, Base62 + "!@#$^*", 20), "DB_PASSWORD=", "\n"),
            Positive("generic-client-secret-yaml", SecretTypes.GenericSecret, Chars(104, Base62, 40), "oauth:\n  client_id: reporting\n  client_secret: ", "\n"),
            Positive("generic-service-bus-key", SecretTypes.GenericSecret, Base64Of(105, 32), "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=", ""),
            Positive("generic-password-prose", SecretTypes.GenericSecret, Chars(106, Base62 + "!@#", 18), "my password is ", " please remember it"),
            Positive("generic-x-api-key-header", SecretTypes.GenericSecret, Chars(107, Hex, 32), "X-Api-Key: ", ""),
            Positive("generic-hex-token-header", SecretTypes.GenericSecret, Chars(108, Hex, 40), "Authorization: token ", ""),
            Positive("generic-npmrc", SecretTypes.GenericSecret, "npm_" + Chars(109, Base62, 36), "//registry.npmjs.org/:_authToken=", "\n"),
            Positive("generic-secret-key-base", SecretTypes.GenericSecret, Chars(110, Hex, 128), "production:\n  secret_key_base: ", "\n"),
            Positive("generic-credential-camel", SecretTypes.GenericSecret, Chars(111, Base62, 24), "const credential = '", "';"),
            Positive("generic-passwd-colon", SecretTypes.GenericSecret, Chars(112, Base64, 24), "passwd: ", " # rotate monthly"),
            Positive("generic-access-key-cli", SecretTypes.GenericSecret, Chars(113, Base62, 30), "app --access-key=", " --verbose"),
            Positive("generic-aws-session-token", SecretTypes.GenericSecret, Base64Of(115, 600), "aws_session_token = ", "\n"),
            Positive("generic-sentence-end", SecretTypes.GenericSecret, Chars(114, Base62, 22), "The API key is ", ". Keep it safe."),
        ];
    }

    private static List<SecretSample> BuildNegatives()
    {
        var sha = Chars(200, Hex, 40);
        var imageData = Base64Of(201, 600);
        return
        [
            // Identifiers and hashes
            Negative("uuid-request-id", $"request id {Uuid(202)} failed with 500"),
            Negative("uuid-json-id", $$"""{"id": "{{Uuid(203)}}", "status": "ok"}"""),
            Negative("guid-upper-braces", $"CLSID {{{Uuid(204).ToUpperInvariant()}}} registered"),
            Negative("uuid-azure-client-id", $"AZURE_CLIENT_ID={Uuid(205)}\nAZURE_TENANT_ID={Uuid(206)}"),
            Negative("uuid-named-token", $$"""{"idempotency_token": "{{Uuid(207)}}"}"""),
            Negative("git-sha-commit", $"commit {sha}\nAuthor: Jane Doe <jane@example.test>"),
            Negative("git-sha-json", $$$"""{"sha": "{{{Chars(208, Hex, 40)}}}", "author": {"name": "Jane"}}"""),
            Negative("git-short-sha", "fixed in a1b2c3d, see 9fceb02 too"),
            Negative("git-head-now-at", $"HEAD is now at {Chars(209, Hex, 7)} Merge branch 'main'"),
            Negative("git-merge-shas", $"Merge {Chars(210, Hex, 40)} into {Chars(211, Hex, 40)}"),
            Negative("docker-digest", $"image: mcr.microsoft.com/dotnet/aspnet@sha256:{Chars(212, Hex, 64)}"),
            Negative("sha256-checksum", $"checksum: {Chars(213, Hex, 64)}  gatehouse.zip"),
            Negative("data-url-png", $"<img src=\"data:image/png;base64,{imageData}\" alt=\"chart\">"),
            Negative("data-url-jpeg-markdown", $"![photo](data:image/jpeg;base64,{Base64Of(214, 900)})"),
            Negative("lockfile-npm-integrity", $$$"""{"node_modules/left-pad": {"version": "1.3.0", "integrity": "sha512-{{{Base64Of(215, 64)}}}"}}"""),
            Negative("lockfile-yarn", $"left-pad@^1.3.0:\n  resolved \"https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz#{Chars(216, Hex, 40)}\"\n  integrity sha1-{Base64Of(217, 20)}"),
            Negative("base64-plain-text", $"decode {Base64Of(218, 48)} for me"),

            // Placeholders
            Negative("placeholder-sk-dots", "export OPENAI_API_KEY=sk-..."),
            Negative("placeholder-sk-proj-dots", "OPENAI_API_KEY=sk-proj-..."),
            Negative("placeholder-angle-brackets", "Authorization: Bearer <your-api-key>"),
            Negative("placeholder-your-api-key", "api_key = \"YOUR_API_KEY\""),
            Negative("placeholder-your-key-long", "OPENAI_API_KEY=your-openai-api-key-goes-here"),
            Negative("placeholder-x-run", "token: xxxxxxxxxxxxxxxxxxxxxxxx"),
            Negative("placeholder-changeme", "password: changeme"),
            Negative("placeholder-changeme-long", "DB_PASSWORD=changeme-before-deploying-2024"),
            Negative("placeholder-same-char", "api_key = \"aaaaaaaaaaaaaaaaaaaaaaaa\""),
            Negative("placeholder-sequential-letters", "secret = \"abcdefghijklmnopqrstuvwxyz\""),
            Negative("placeholder-sequential-digits", "token=1234567890123456789"),
            Negative("placeholder-github-x", "GITHUB_TOKEN=ghp_" + new string('x', 36)),
            Negative("placeholder-aws-x", "aws_access_key_id = AKIAXXXXXXXXXXXXXXXX"),
            Negative("placeholder-stripe-x", "stripe.api_key = \"sk_live_" + new string('x', 24) + "\""),
            Negative("placeholder-stars", "client_secret: ****************"),
            Negative("placeholder-template", "token: ${{ secrets.GITHUB_TOKEN }}"),
            Negative("placeholder-env-lookup", "api_key = os.environ[\"OPENAI_API_KEY\"]"),
            Negative("placeholder-slack-words", "SLACK_BOT_TOKEN=xoxb-your-bot-token"),
            Negative("placeholder-slack-webhook", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
            Negative("placeholder-ado-password", "Server=myServerAddress;Database=myDataBase;User Id=myUsername;Password=myPassword;"),
            Negative("placeholder-ado-angle", "Host=db;Username=app;Password=<password>;"),
            Negative("placeholder-uri-password-word", "postgres://user:password@localhost:5432/app"),
            Negative("placeholder-uri-angle", "mongodb+srv://admin:<password>@cluster0.ab1cd.mongodb.net/"),
            Negative("placeholder-uri-env", "redis://:${REDIS_PASSWORD}@cache:6379"),
            Negative("placeholder-pem-dots", "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----"),
            Negative("placeholder-gcp-dots", """{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n"}"""),
            Negative("placeholder-pem-your-key", "-----BEGIN OPENSSH PRIVATE KEY-----\n<paste your key here>\n-----END OPENSSH PRIVATE KEY-----"),

            // Prose and code that names secrets without holding one
            Negative("prose-password-is-weak", "the password is weak, pick a longer one"),
            Negative("prose-password-short", "password: hunter2"),
            Negative("prose-password-rules", "Your password must be at least 16 characters long."),
            Negative("prose-token-limit", "Reset the token limit to 4096 and count tokens again."),
            Negative("prose-client-secret-question", "What is the best way to store a client secret in Key Vault?"),
            Negative("prose-bearer-explained", "Send Authorization: Bearer followed by your access token."),
            Negative("prose-lone-begin-line", "A PEM file starts with -----BEGIN RSA PRIVATE KEY----- and ends with an END line."),
            Negative("code-vault-call", "secret = get_secret_from_vault_using_managed_identity()"),
            Negative("code-env-path", "password: process.env.DB_PASSWORD"),
            Negative("code-k8s-token-path", "token_file: /var/run/secrets/kubernetes.io/serviceaccount/token"),
            Negative("code-auth-method", "auth_method: client_credentials_with_certificate"),
            Negative("code-max-tokens", "\"max_tokens\": 1234567890123456"),
            Negative("code-token-type", "{\"token_type\": \"bearer\", \"expires_in\": 3599}"),

            // Documentation examples and public material
            Negative("aws-docs-access-key", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE"),
            Negative("aws-docs-secret-key", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            Negative("azurite-well-known-key", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"),
            Negative("stripe-publishable", "Stripe('pk_live_" + Chars(219, Base62, 24) + "')"),
            Negative("pem-public-key", Pem(220, "PUBLIC KEY", 294)),
            Negative("pem-certificate", Pem(221, "CERTIFICATE", 900)),
            Negative("ssh-public-key", $"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{Chars(222, Base64, 43)} jane@laptop"),

            // Near misses of the formats
            Negative("jwt-without-alg", $"{Base64UrlOf("""{"typ":"JWT"}""")}.{Base64UrlOf("""{"sub":"1"}""")}.{Chars(223, Base64Url, 43)}"),
            Negative("jwt-not-json", $"eyJ{Chars(224, Base62, 20)}.eyJ{Chars(225, Base62, 30)}.{Chars(226, Base64Url, 43)}"),
            Negative("jwt-unsigned", $"{Base64UrlOf("""{"alg":"none"}""")}.{Base64UrlOf("""{"sub":"1"}""")}."),
            Negative("aws-key-too-short", "AKIA" + Chars(227, Base32, 15) + " is not a key id"),
            Negative("aws-key-inside-base64", $"blob {Chars(228, Base62, 30)}AKIA{Chars(229, Base32, 16)}{Chars(230, Base62, 30)} end"),
            Negative("gcp-key-too-short", "AIza" + Chars(231, Base64Url, 30)),
            Negative("gitlab-too-short", "glpat-" + Chars(232, Base62, 12)),
            Negative("sas-signature-wrong-length", $"https://contoso.blob.core.windows.net/c/f?sv=2022-11-02&sig={Uri.EscapeDataString(Base64Of(233, 40))}"),
            Negative("account-key-wrong-length", $"AccountName=x;AccountKey={Base64Of(234, 32)};"),
            Negative("anthropic-too-short", "sk-ant-api03-" + Chars(235, Base64Url, 20)),
            Negative("uri-user-without-password", "https://deploy@pypi.internal.example/simple and postgres://localhost:5432/app"),
            Negative("uri-port-not-password", "see https://example.test:8443/path?q=1#frag"),
            Negative("ado-empty-password", "Server=db;Integrated Security=true;Password=;"),
            Negative("ado-password-in-prose", "Set Password=hunter2 and restart"),
            Negative("digits-after-token", "auth code: 938475610293847561"),
            Negative("key-id-not-key", $"api_key_id = \"{Chars(236, Base62, 20)}\"\naws_access_key_id = AKIAIOSFODNN7EXAMPLE"),
            Negative("auth-id-object-id", $$"""{"auth_id": "{{Chars(237, Hex, 24)}}", "tokenId": "{{Chars(238, Base62, 22)}}"}"""),
            Negative("dotnet-public-key-token", "System.Int32, mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089"),
            Negative("code-variable-bearer", "curl -H \"Authorization: Bearer $GATEHOUSE_ADMIN_KEY\" localhost:7071/admin/keys"),
            Negative("code-powershell-env", "$headers = @{ Authorization = \"Bearer $env:OPENAI_API_KEY\" }; $pwd = %DB_PASSWORD_VALUE%"),
            Negative("code-pascal-case-call", "RequiredApiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey,"),
            Negative("code-property-copy", "TimeToFirstTokenMs = auditEvent.TimeToFirstTokenMs,"),
            Negative("code-enum-member", "ProviderAuth auth = ProviderAuth.ApiKey"),
            Negative("code-snake-case-digits", "caching_sha2_password: mysql.authPlugins.caching_sha2_password({"),
            Negative("test-fixture-key", "public const string ApiKey = \"sk-ant-api03-test-key\";"),
            Negative("test-fixture-sequential", "public const string ApiKey = \"AIzaSy-test-0123456789\";"),
            Negative("camel-case-identifier", "secretKey: getSecretValueFromConfiguration"),
        ];
    }
}
