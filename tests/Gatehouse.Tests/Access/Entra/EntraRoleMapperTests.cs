using Gatehouse.Access;
using Gatehouse.Access.Entra;
using Gatehouse.Configuration;

namespace Gatehouse.Tests.Access.Entra;

public sealed class EntraRoleMapperTests
{
    private static readonly EntraOptions Options = new();

    [Theory]
    [InlineData("Gatehouse.Admin", AdminRole.Admin, null)]
    [InlineData("Gatehouse.Viewer", AdminRole.Viewer, null)]
    [InlineData("Gatehouse.Viewer.acme", AdminRole.Viewer, "acme")]
    [InlineData("Gatehouse.TenantAdmin.acme", AdminRole.TenantAdmin, "acme")]
    [InlineData("Gatehouse.Developer", AdminRole.Developer, null)]
    [InlineData("Gatehouse.Developer.team-7", AdminRole.Developer, "team-7")]
    public void Map_KnownRole_GrantsIt(string role, AdminRole expected, string? tenant)
    {
        var grants = EntraRoleMapper.Map([role], Options);

        Assert.Equal([new RoleGrant(expected, tenant)], grants);
    }

    [Theory]
    [InlineData("Gatehouse.TenantAdmin.Acme")] // tenant ids are lowercase
    [InlineData("Gatehouse.TenantAdmin.")]
    [InlineData("Gatehouse.TenantAdmin.a")] // too short
    [InlineData("Gatehouse.Viewer.-acme")]
    [InlineData("Gatehouse.Developer.acme/../x")]
    [InlineData("Gatehouse.TenantAdmin")] // tenant admins are always scoped
    public void Map_InvalidTenantSuffix_IsIgnored(string role)
    {
        Assert.Empty(EntraRoleMapper.Map([role], Options));
    }

    [Theory]
    [InlineData("gatehouse.admin")]
    [InlineData("Gatehouse.Admin ")]
    [InlineData("Gatehouse.Administrator")]
    [InlineData("Admin")]
    [InlineData("")]
    public void Map_UnknownOrNearMissRole_IsIgnored(string role)
    {
        Assert.Empty(EntraRoleMapper.Map([role], Options));
    }

    [Fact]
    public void Map_SeveralRoles_GrantsEachOnceInOrder()
    {
        var grants = EntraRoleMapper.Map(["Other.Role", "Gatehouse.TenantAdmin.acme", "Gatehouse.Viewer", "Gatehouse.TenantAdmin.acme"], Options);

        Assert.Equal([new RoleGrant(AdminRole.TenantAdmin, "acme"), new RoleGrant(AdminRole.Viewer, null)], grants);
    }

    [Fact]
    public void Map_ConfiguredNames_AreUsedInsteadOfDefaults()
    {
        var options = new EntraOptions { AdminRole = "Ops.Root", TenantAdminRolePrefix = "Ops.Tenant:" };

        var grants = EntraRoleMapper.Map(["Gatehouse.Admin", "Ops.Root", "Ops.Tenant:acme"], options);

        Assert.Equal([new RoleGrant(AdminRole.Admin, null), new RoleGrant(AdminRole.TenantAdmin, "acme")], grants);
    }
}
