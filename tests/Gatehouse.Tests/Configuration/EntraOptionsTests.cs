using Gatehouse.Configuration;

namespace Gatehouse.Tests.Configuration;

public sealed class EntraOptionsTests
{
    private static EntraOptions Enabled() => new() { TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47", Audience = "api://gatehouse-admin" };

    [Fact]
    public void Validate_Defaults_AreOffAndValid()
    {
        var options = new EntraOptions();

        Assert.False(options.IsEnabled);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_TenantAndAudience_IsValid()
    {
        var options = Enabled();

        Assert.True(options.IsEnabled);
        Assert.Empty(options.Validate());
        Assert.Equal("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0/.well-known/openid-configuration", options.ResolvedMetadataAddress);
    }

    [Fact]
    public void Validate_AudienceWithoutTenant_ReportsMissingTenant()
    {
        var errors = new EntraOptions { Audience = "api://gatehouse-admin" }.Validate().ToList();

        Assert.Equal("Gatehouse:Admin:Entra:TenantId", Assert.Single(errors).Split(": ")[0]);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOneWithItsPath()
    {
        var options = new EntraOptions
        {
            TenantId = "contoso.onmicrosoft.com",
            Instance = "http://login.microsoftonline.com/",
            MetadataAddress = "login.example/metadata",
            AdditionalAudiences = [" "],
            ClockSkew = TimeSpan.FromHours(1),
            MetadataRefreshInterval = TimeSpan.FromMinutes(1),
            MetadataTimeout = TimeSpan.Zero,
        };

        var errors = options.Validate().ToList();

        string[] expected =
        [
            "Gatehouse:Admin:Entra:TenantId: must be the directory (tenant) id",
            "Gatehouse:Admin:Entra:Audience: is required",
            "Gatehouse:Admin:Entra:AdditionalAudiences:",
            "Gatehouse:Admin:Entra:Instance: must use https",
            "Gatehouse:Admin:Entra:MetadataAddress: must be an absolute https URL",
            "Gatehouse:Admin:Entra:ClockSkew:",
            "Gatehouse:Admin:Entra:MetadataRefreshInterval:",
            "Gatehouse:Admin:Entra:MetadataTimeout:",
        ];
        Assert.All(expected, prefix => Assert.Contains(errors, e => e.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Equal(expected.Length, errors.Count);
    }

    [Fact]
    public void Validate_HttpMetadataWhenHttpsNotRequired_IsAllowed()
    {
        var options = Enabled();
        options.Instance = "http://127.0.0.1:5000/";
        options.RequireHttpsMetadata = false;

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_MetadataOverride_IsUsedAndMustBeHttps()
    {
        var options = Enabled();
        options.MetadataAddress = "http://login.example/tenant/.well-known/openid-configuration";

        Assert.Single(options.Validate(), e => e.StartsWith("Gatehouse:Admin:Entra:MetadataAddress: must use https", StringComparison.Ordinal));
        Assert.Equal(options.MetadataAddress, options.ResolvedMetadataAddress);
    }

    [Theory]
    [InlineData("Gatehouse.Viewer", null)] // admin role equal to the viewer role
    [InlineData(null, "Gatehouse.")] // a prefix that swallows every other name
    [InlineData(null, "Gatehouse.Viewer.")] // developer prefix equal to the scoped viewer prefix
    public void Validate_OverlappingRoleNames_AreReported(string? adminRole, string? developerPrefix)
    {
        var options = Enabled();
        options.AdminRole = adminRole ?? options.AdminRole;
        options.DeveloperRolePrefix = developerPrefix ?? options.DeveloperRolePrefix;

        Assert.Single(options.Validate(), e => e.Contains("overlap", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EmptyRoleName_IsReported()
    {
        var options = Enabled();
        options.ViewerRole = "";

        Assert.Single(options.Validate(), e => e.StartsWith("Gatehouse:Admin:Entra:ViewerRole:", StringComparison.Ordinal));
    }
}
