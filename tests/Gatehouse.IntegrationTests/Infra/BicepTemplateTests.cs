using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gatehouse.IntegrationTests.Infra;

/// <summary>
/// Compiles infra/main.bicep with the pinned bicep CLI (offline, no registry modules) and checks the security facts
/// of the ARM JSON it produces, plus the azd wiring in azure.yaml and infra/main.parameters.json.
/// One file past 500 lines on purpose: every test reads the same compiled template through the same small helpers,
/// and splitting it would spread those helpers across files for no reader's gain.
/// </summary>
public sealed class BicepTemplateTests(BicepBuildFixture bicep) : IClassFixture<BicepBuildFixture>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    private static readonly string[] SecretParameters = ["gatehouseAdminKey", "gatehouseKeyPepper", "gatehouseAuditBodyKey", "openAiApiKey"];
    private static readonly Regex GuidPattern = new("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase);

    [Fact]
    public void Build_MainTemplate_SucceedsWithoutWarnings()
    {
        Assert.True(bicep.Build.ExitCode == 0, $"bicep build failed ({bicep.Build.ExitCode}):\n{bicep.Build.StdErr}");
        Assert.True(string.IsNullOrWhiteSpace(bicep.Build.StdErr), $"bicep build reported diagnostics:\n{bicep.Build.StdErr}");
    }

    [Fact]
    public void Lint_MainTemplate_ReportsNothing()
    {
        var output = (bicep.Lint.StdOut + bicep.Lint.StdErr).Trim();

        Assert.True(bicep.Lint.ExitCode == 0, $"bicep lint failed ({bicep.Lint.ExitCode}):\n{output}");
        Assert.True(output.Length == 0, $"bicep lint reported diagnostics:\n{output}");
    }

    [Fact]
    public void Site_Gateway_RunsCustomHandlerOnFlexConsumption()
    {
        var site = Single(bicep.Template, "Microsoft.Web/sites");
        var plan = Single(bicep.Template, "Microsoft.Web/serverfarms");
        var properties = site.Resource["properties"]!;
        var runtime = properties["functionAppConfig"]?["runtime"];

        Assert.Equal("functionapp,linux", Str(site.Resource["kind"]));
        Assert.Equal("custom", Str(runtime?["name"]));
        Assert.Equal("1.0", Str(runtime?["version"]));
        Assert.Equal("FC1", Str(plan.Resource["sku"]?["name"]));
        Assert.Equal("FlexConsumption", Str(plan.Resource["sku"]?["tier"]));
        Assert.True(plan.Resource["properties"]?["reserved"]?.GetValue<bool>(), "Flex plans are Linux: reserved must be true");
        Assert.True(HasTag(site.Resource["tags"], "azd-service-name", "gateway"), $"site tags: {site.Resource["tags"]?.ToJsonString()}");
        Assert.True(properties["httpsOnly"]?.GetValue<bool>(), "httpsOnly must be true");
        Assert.Equal("1.2", Str(properties["siteConfig"]?["minTlsVersion"]));
        Assert.Equal("Disabled", Str(properties["siteConfig"]?["ftpsState"]));
        Assert.Null(properties["siteConfig"]?["linuxFxVersion"]);
    }

    [Fact]
    public void Site_FlexDeployment_PullsPackageWithUserAssignedIdentity()
    {
        var site = Single(bicep.Template, "Microsoft.Web/sites");
        var properties = site.Resource["properties"]!;
        var storage = properties["functionAppConfig"]?["deployment"]?["storage"];
        var identityType = Str(site.Resource["identity"]?["type"]);

        Assert.Equal("blobContainer", Str(storage?["type"]));
        Assert.Equal("UserAssignedIdentity", Str(storage?["authentication"]?["type"]));
        Assert.NotNull(storage?["authentication"]?["userAssignedIdentityResourceId"]);
        Assert.Contains("UserAssigned", identityType, StringComparison.Ordinal);
        Assert.NotNull(properties["keyVaultReferenceIdentity"]);
    }

    [Fact]
    public void Storage_Account_AllowsOnlyIdentityAccessOverTls12()
    {
        var properties = Single(bicep.Template, "Microsoft.Storage/storageAccounts").Resource["properties"]!;

        Assert.False(properties["allowSharedKeyAccess"]?.GetValue<bool>() ?? true, "allowSharedKeyAccess must be false");
        Assert.False(properties["allowBlobPublicAccess"]?.GetValue<bool>() ?? true, "allowBlobPublicAccess must be false");
        Assert.True(properties["supportsHttpsTrafficOnly"]?.GetValue<bool>(), "supportsHttpsTrafficOnly must be true");
        Assert.Equal("TLS1_2", Str(properties["minimumTlsVersion"]));
    }

    [Fact]
    public void Storage_TablesQueuesAndContainers_AreAllDeclared()
    {
        var tables = All(bicep.Template, "Microsoft.Storage/storageAccounts/tableServices/tables").SelectMany(LeafNames);
        var queues = All(bicep.Template, "Microsoft.Storage/storageAccounts/queueServices/queues").SelectMany(LeafNames);
        var containers = All(bicep.Template, "Microsoft.Storage/storageAccounts/blobServices/containers").SelectMany(LeafNames);

        // Every table, queue and container the app uses, so that an RBAC-only deployment (no create at start) has them all.
        Assert.Equal(Gatehouse.Storage.TableNames.All.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        Assert.Equal(Gatehouse.Messaging.QueueNames.All.Order(StringComparer.Ordinal), queues.Order(StringComparer.Ordinal));
        Assert.Subset(containers.ToHashSet(StringComparer.Ordinal), Gatehouse.Storage.BlobContainerNames.All.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void Storage_QueueOverflowBlobs_Expire()
    {
        var rule = Single(bicep.Template, "Microsoft.Storage/storageAccounts/managementPolicies").Resource["properties"]!["policy"]!["rules"]!.AsArray().Single()!;
        var prefixes = rule["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(p => Str(p)).ToList();

        Assert.Equal([$"{Gatehouse.Storage.BlobContainerNames.QueueOverflow}/"], prefixes);
        Assert.NotNull(rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]);
    }

    [Fact]
    public void AppSettings_HostStorage_UsesManagedIdentityWithoutKeys()
    {
        var settings = AppSettings(Single(bicep.Template, "Microsoft.Web/sites"));
        var json = Text(bicep.Template);

        Assert.Equal("managedidentity", settings.GetValueOrDefault("AzureWebJobsStorage__credential"));
        foreach (var name in new[] { "accountName", "clientId", "blobServiceUri", "queueServiceUri", "tableServiceUri" })
        {
            Assert.True(settings.ContainsKey($"AzureWebJobsStorage__{name}"), $"missing app setting AzureWebJobsStorage__{name}");
        }

        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "a plain AzureWebJobsStorage setting would be a connection string");
        Assert.DoesNotContain("listKeys(", json, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey=", json, StringComparison.Ordinal);
        Assert.Equal("Production", settings.GetValueOrDefault("ASPNETCORE_ENVIRONMENT"));
        Assert.Contains("Authorization=AAD", settings.GetValueOrDefault("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"), StringComparison.Ordinal);
        Assert.True(settings.ContainsKey("APPLICATIONINSIGHTS_CONNECTION_STRING"), "missing APPLICATIONINSIGHTS_CONNECTION_STRING");
    }

    [Fact]
    public void AppSettings_Entra_OnlyWhenADirectoryIsGiven()
    {
        var site = Text(Single(bicep.Template, "Microsoft.Web/sites").Template);

        Assert.Contains("Gatehouse__Admin__Entra__TenantId", site, StringComparison.Ordinal);
        Assert.Contains("Gatehouse__Admin__Entra__Audience", site, StringComparison.Ordinal);
        Assert.Contains("empty(parameters('adminEntraTenantId'))", site, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Str(bicep.Template["parameters"]!["adminEntraTenantId"]?["defaultValue"]));
    }

    [Fact]
    public void AppSettings_FlexSite_OmitsClassicRuntimeSettings()
    {
        var settings = AppSettings(Single(bicep.Template, "Microsoft.Web/sites"));

        Assert.False(settings.ContainsKey("FUNCTIONS_WORKER_RUNTIME"), "Flex takes the runtime from functionAppConfig");
        Assert.False(settings.ContainsKey("FUNCTIONS_EXTENSION_VERSION"), "Flex takes the runtime from functionAppConfig");
    }

    [Theory]
    [InlineData("GATEHOUSE_ADMIN_KEY")]
    [InlineData("Gatehouse__Keys__Pepper")]
    [InlineData("OPENAI_API_KEY")]
    public void AppSettings_Secret_IsKeyVaultReference(string name)
    {
        var settings = AppSettings(Single(bicep.Template, "Microsoft.Web/sites"));

        Assert.True(settings.TryGetValue(name, out var value), $"missing app setting {name}");
        Assert.True(IsKeyVaultReference(value), $"{name} must be a Key Vault reference, got: {value}");
    }

    [Fact]
    public void SecureParameters_Main_FlowOnlyIntoKeyVaultSecrets()
    {
        var site = Single(bicep.Template, "Microsoft.Web/sites");
        var siteSecureParameters = SecureParameterNames(site.Template);
        var receivers = Resources(bicep.Template)
            .Where(r => Str(r["type"]) == "Microsoft.Resources/deployments")
            .Where(r => SecretParameters.Any(p => Text(r["properties"]?["parameters"]).Contains($"parameters('{p}')", StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(siteSecureParameters);
        Assert.NotEmpty(receivers);
        foreach (var module in receivers)
        {
            var template = module["properties"]!["template"]!.AsObject();
            Assert.Contains(Resources(template), r => Str(r["type"]) == "Microsoft.KeyVault/vaults/secrets");
            Assert.NotEmpty(SecureParameterNames(template));
        }
    }

    [Fact]
    public void AppSettings_AuditBodies_OffByDefaultWithTheKeyFromKeyVault()
    {
        var settings = AppSettings(Single(bicep.Template, "Microsoft.Web/sites"));
        var mode = bicep.Template["parameters"]!["auditBodies"]!;

        Assert.Equal("off", Str(mode["defaultValue"]));
        Assert.Equal(["off", "redacted", "full"], mode["allowedValues"]!.AsArray().Select(v => Str(v)));
        Assert.Equal("k1", settings.GetValueOrDefault("Gatehouse__Audit__Bodies__ActiveKeyId"));
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings.GetValueOrDefault("Gatehouse__Audit__Bodies__Keys__k1"), StringComparison.Ordinal);
        Assert.True(settings.ContainsKey("Gatehouse__Audit__Bodies__Mode"), "missing app setting Gatehouse__Audit__Bodies__Mode");
    }

    [Fact]
    public void KeyVault_Vault_UsesRbacAndSoftDelete()
    {
        var properties = Single(bicep.Template, "Microsoft.KeyVault/vaults").Resource["properties"]!;

        Assert.True(properties["enableRbacAuthorization"]?.GetValue<bool>(), "enableRbacAuthorization must be true");
        Assert.True(properties["enableSoftDelete"]?.GetValue<bool>(), "enableSoftDelete must be true");
    }

    [Fact]
    public void RoleAssignments_AppIdentity_GetsDataRolesButNotSecretsOfficer()
    {
        var roles = RoleAssignments().Where(a => a.Resource["condition"] is null).SelectMany(RoleIds).ToHashSet();

        Assert.Superset(new HashSet<string> { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, MonitoringMetricsPublisher, KeyVaultSecretsUser }, roles);
        Assert.DoesNotContain(KeyVaultSecretsOfficer, roles);
    }

    [Fact]
    public void RoleAssignments_DeployingPrincipal_GrantedOnlyWhenPrincipalIdSet()
    {
        var conditional = RoleAssignments().Where(a => a.Resource["condition"] is not null).ToList();
        var roles = conditional.SelectMany(RoleIds).ToHashSet();

        Assert.Superset(new HashSet<string> { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, KeyVaultSecretsOfficer }, roles);
        Assert.All(conditional, a => Assert.Contains("principalId", Str(a.Resource["condition"]), StringComparison.Ordinal));
    }

    [Fact]
    public void Outputs_Main_ExposeAzdValuesButNoSecrets()
    {
        var outputs = bicep.Template["outputs"]!.AsObject();
        var text = Text(outputs);

        foreach (var name in new[] { "AZURE_LOCATION", "AZURE_TENANT_ID", "GATEHOUSE_URL", "AZURE_STORAGE_ACCOUNT_NAME", "AZURE_FUNCTION_APP_NAME", "AZURE_KEY_VAULT_NAME" })
        {
            Assert.True(outputs.ContainsKey(name), $"missing output {name}");
        }

        Assert.All(SecretParameters, p => Assert.DoesNotContain($"parameters('{p}')", text, StringComparison.Ordinal));
        Assert.All(outputs, o => Assert.DoesNotContain("secure", Str(o.Value?["type"]), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Parameters_Secrets_AreSecureAndGeneratedByAzdWhenUnset()
    {
        var parameters = bicep.Template["parameters"]!.AsObject();

        foreach (var name in new[] { "gatehouseAdminKey", "gatehouseKeyPepper", "gatehouseAuditBodyKey" })
        {
            var parameter = parameters[name]!;
            Assert.Equal("securestring", Str(parameter["type"]), ignoreCase: true);
            Assert.Null(parameter["defaultValue"]);
            Assert.Equal("generate", Str(parameter["metadata"]?["azd"]?["type"]));
        }

        Assert.Equal("securestring", Str(parameters["openAiApiKey"]?["type"]), ignoreCase: true);
        Assert.Equal(string.Empty, Str(parameters["openAiApiKey"]?["defaultValue"]));
    }

    [Fact]
    public void ParametersFile_Values_AreAzdEnvironmentReferencesOnly()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(bicep.RepoRoot, "infra", "main.parameters.json")))!["parameters"]!.AsObject();
        var declared = bicep.Template["parameters"]!.AsObject();
        var expected = new Dictionary<string, string>
        {
            ["environmentName"] = "${AZURE_ENV_NAME}",
            ["location"] = "${AZURE_LOCATION}",
            ["principalId"] = "${AZURE_PRINCIPAL_ID}",
        };

        Assert.All(file, p => Assert.True(declared.ContainsKey(p.Key), $"main.parameters.json sets undeclared parameter {p.Key}"));
        Assert.All(expected, e => Assert.Equal(e.Value, Str(file[e.Key]?["value"])));
        Assert.All(SecretParameters.Where(file.ContainsKey), p => Assert.Matches(@"^\$\{[A-Z][A-Z0-9_]*\}$", Str(file[p]!["value"])));
    }

    [Fact]
    public void AzureYaml_GatewayService_PackagesFunctionAppFolderFromRepoRoot()
    {
        var yaml = YamlScalars(File.ReadAllLines(Path.Combine(bicep.RepoRoot, "azure.yaml")));
        var project = yaml.GetValueOrDefault("services.gateway.project") ?? "";
        var dist = yaml.GetValueOrDefault("services.gateway.dist") ?? "";
        var hook = yaml.GetValueOrDefault("services.gateway.hooks.prepackage.posix.run") ?? "";
        var projectDir = Path.GetFullPath(Path.Combine(bicep.RepoRoot, project));
        var artifacts = Path.GetFullPath(Path.Combine(bicep.RepoRoot, "artifacts", "functionapp"));

        Assert.Equal("gatehouse", yaml.GetValueOrDefault("name"));
        Assert.Equal("function", yaml.GetValueOrDefault("services.gateway.host"));
        Assert.Equal("custom", yaml.GetValueOrDefault("services.gateway.language"));
        Assert.Equal("sh", yaml.GetValueOrDefault("services.gateway.hooks.prepackage.posix.shell"));
        // azd hands a custom-language `dist` to the zip step unjoined (relative to azd's working directory, the repo
        // root) while service hooks resolve against `project`: both readings must land on the same folder.
        Assert.Equal(artifacts, Path.GetFullPath(Path.Combine(projectDir, dist)));
        Assert.Equal(artifacts, Path.GetFullPath(Path.Combine(bicep.RepoRoot, dist)));
        Assert.Equal(Path.GetFullPath(Path.Combine(bicep.RepoRoot, "eng", "publish-functionapp.sh")), Path.GetFullPath(Path.Combine(projectDir, hook)));
    }

    private IEnumerable<TemplateResource> RoleAssignments() => All(bicep.Template, "Microsoft.Authorization/roleAssignments");

    private static TemplateResource Single(JsonObject root, string type)
    {
        var matches = All(root, type).ToList();
        Assert.True(matches.Count == 1, $"expected exactly one {type}, found {matches.Count}");
        return matches[0];
    }

    /// <summary>Resources of a type in the template and, recursively, in every nested module deployment.</summary>
    private static IEnumerable<TemplateResource> All(JsonObject template, string type)
    {
        foreach (var resource in Resources(template))
        {
            if (string.Equals(Str(resource["type"]), type, StringComparison.OrdinalIgnoreCase) && resource["existing"]?.GetValue<bool>() != true)
            {
                yield return new TemplateResource(template, resource);
            }

            if (Str(resource["type"]) == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in All(nested, type))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>ARM resources are an array, or an object keyed by symbolic name (languageVersion 2.0).</summary>
    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    private static IEnumerable<string> SecureParameterNames(JsonObject template) =>
        (template["parameters"] as JsonObject ?? new JsonObject()).Where(p => Str(p.Value?["type"]).StartsWith("secure", StringComparison.OrdinalIgnoreCase)).Select(p => p.Key);

    /// <summary>Last name segment of a resource, expanding a copy loop over a variable array.</summary>
    private static IEnumerable<string> LeafNames(TemplateResource r)
    {
        var name = Str(r.Resource["name"]);
        var loop = Regex.Match(name, @"variables\('(\w+)'\)\[copyIndex\(\)\]");
        if (loop.Success)
        {
            return r.Template["variables"]![loop.Groups[1].Value]!.AsArray().Select(v => Str(v));
        }

        var formatted = Regex.Match(name, @"'([^']+)'\)\]$");
        return [formatted.Success ? formatted.Groups[1].Value : name.Split('/')[^1]];
    }

    /// <summary>Role definition GUIDs an assignment can use: literal in the id, or inside the variables it reads.</summary>
    private static IEnumerable<string> RoleIds(TemplateResource r)
    {
        var id = Str(r.Resource["properties"]?["roleDefinitionId"]);
        var fromVariables = Regex.Matches(id, @"variables\('(\w+)'\)")
            .Select(m => Text(r.Template["variables"]?[m.Groups[1].Value]));
        return fromVariables.Prepend(id).SelectMany(text => GuidPattern.Matches(text).Select(m => m.Value.ToLowerInvariant()));
    }

    /// <summary>App settings by name → raw value (literal, or the ARM expression that builds it).</summary>
    private static Dictionary<string, string> AppSettings(TemplateResource site)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        AddSettings(site.Template, site.Resource["properties"]?["siteConfig"]?["appSettings"], settings);
        foreach (var config in Resources(site.Template).Where(c => Str(c["type"]) == "Microsoft.Web/sites/config" && Str(c["name"]).Contains("appsettings", StringComparison.Ordinal)))
        {
            foreach (var (key, value) in config["properties"] as JsonObject ?? new JsonObject())
            {
                settings[key] = Str(value);
            }
        }

        return settings;
    }

    private static void AddSettings(JsonObject template, JsonNode? node, Dictionary<string, string> settings)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array.OfType<JsonObject>())
            {
                settings[Str(item["name"])] = Str(item["value"]);
            }
        }
        else if (node is JsonValue && Str(node) is ['[', ..] expression)
        {
            foreach (Match variable in Regex.Matches(expression, @"variables\('(\w+)'\)"))
            {
                AddSettings(template, template["variables"]?[variable.Groups[1].Value], settings);
            }

            // Conditional entries: createObject('name', 'X', 'value', format('…', …)).
            foreach (Match entry in Regex.Matches(expression, @"createObject\('name', '([^']+)', 'value', (format\('[^']*'|'[^']*')"))
            {
                settings[entry.Groups[1].Value] = "[" + entry.Groups[2].Value;
            }
        }
    }

    private static bool IsKeyVaultReference(string value) =>
        value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal)
        || Regex.IsMatch(value, @"^\[format\('@Microsoft\.KeyVault\((SecretUri|VaultName)=");

    private static bool HasTag(JsonNode? tags, string name, string value) => tags switch
    {
        JsonObject literal => Str(literal[name]) == value,
        JsonValue expression => Regex.IsMatch(Str(expression), $@"'{Regex.Escape(name)}',\s*'{Regex.Escape(value)}'"),
        _ => false,
    };

    /// <summary>Every string in a JSON subtree, unescaped (ToJsonString would escape the quotes in ARM expressions).</summary>
    private static string Text(JsonNode? node) => string.Join('\n', Strings(node));

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    private static string Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";

    /// <summary>Block-style YAML mappings flattened to dotted paths → scalar values (enough for azure.yaml).</summary>
    private static Dictionary<string, string> YamlScalars(IEnumerable<string> lines)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = new List<(int Indent, string Key)>();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var indent = line.Length - trimmed.Length;
            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            path.RemoveAll(p => p.Indent >= indent);
            var key = trimmed[..colon].Trim();
            var value = trimmed[(colon + 1)..].Trim();
            var hash = value.IndexOf(" #", StringComparison.Ordinal);
            value = (hash >= 0 ? value[..hash] : value).Trim().Trim('"', '\'');
            var full = string.Join('.', path.Select(p => p.Key).Append(key));
            if (value.Length == 0)
            {
                path.Add((indent, key));
            }
            else
            {
                result[full] = value;
            }
        }

        return result;
    }

    private sealed record TemplateResource(JsonObject Template, JsonObject Resource);
}

/// <summary>Runs `bicep build` and `bicep lint` once for the test class, offline and with a hard timeout.</summary>
public sealed class BicepBuildFixture : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public string RepoRoot { get; } = Metadata("RepoRoot");

    public BicepRun Build { get; private set; } = null!;

    public BicepRun Lint { get; private set; } = null!;

    public JsonObject Template { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var bicep = Metadata("BicepPath");
        Assert.True(File.Exists(bicep), $"bicep CLI not found at {bicep} (NuGet package Azure.Bicep.CommandLine.linux-x64)");
        EnsureExecutable(bicep);

        Build = await RunAsync(bicep, "build", "infra/main.bicep", "--stdout");
        Lint = await RunAsync(bicep, "lint", "infra/main.bicep");
        Template = Build.ExitCode == 0 && JsonNode.Parse(Build.StdOut) is JsonObject template
            ? template
            : throw new InvalidOperationException($"bicep build failed ({Build.ExitCode}):\n{Build.StdErr}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Metadata(string key) =>
        typeof(BicepTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata '{key}' is missing");

    /// <summary>NuGet extraction can drop the executable bit.</summary>
    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    private async Task<BicepRun> RunAsync(string bicep, params string[] args)
    {
        var start = new ProcessStartInfo(bicep)
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {bicep}");
        using var timeout = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} did not finish within {Timeout}");
        }

        return new BicepRun(process.ExitCode, await stdout, await stderr);
    }
}

public sealed record BicepRun(int ExitCode, string StdOut, string StdErr);
