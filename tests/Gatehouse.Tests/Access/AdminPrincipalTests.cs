using Gatehouse.Access;

namespace Gatehouse.Tests.Access;

public sealed class AdminPrincipalTests
{
    private static AdminPrincipal With(params RoleGrant[] grants) => new("p", grants);

    [Fact]
    public void Admin_MayDoEverything()
    {
        var admin = With(new RoleGrant(AdminRole.Admin, null));
        Assert.True(admin.IsAdmin);
        Assert.True(admin.CanManage("acme"));
        Assert.True(admin.CanRead("other"));
        Assert.Null(admin.ReadableTenants);
    }

    [Fact]
    public void TenantAdmin_ManagesOnlyItsTenant()
    {
        var tenantAdmin = With(new RoleGrant(AdminRole.TenantAdmin, "acme"));
        Assert.False(tenantAdmin.IsAdmin);
        Assert.True(tenantAdmin.CanManage("acme"));
        Assert.False(tenantAdmin.CanManage("globex"));
        Assert.False(tenantAdmin.CanRead("globex"));
        Assert.Equal(["acme"], tenantAdmin.ReadableTenants!);
    }

    [Fact]
    public void Viewer_ReadsButNeverManages()
    {
        var viewer = With(new RoleGrant(AdminRole.Viewer, null));
        Assert.True(viewer.CanRead("acme"));
        Assert.False(viewer.CanManage("acme"));
        Assert.False(viewer.CanRequestKeys("acme"));

        var scoped = With(new RoleGrant(AdminRole.Viewer, "acme"));
        Assert.True(scoped.CanRead("acme"));
        Assert.False(scoped.CanRead("globex"));
    }

    [Fact]
    public void Developer_RequestsKeysButReadsNothing()
    {
        var developer = With(new RoleGrant(AdminRole.Developer, "acme"));
        Assert.True(developer.CanRequestKeys("acme"));
        Assert.False(developer.CanRequestKeys("globex"));
        Assert.False(developer.CanRead("acme"));
        Assert.False(developer.CanManage("acme"));
        Assert.Empty(developer.ReadableTenants!);
    }

    [Fact]
    public void SeveralGrants_Combine()
    {
        var principal = With(new RoleGrant(AdminRole.TenantAdmin, "acme"), new RoleGrant(AdminRole.Viewer, "globex"));
        Assert.True(principal.CanManage("acme"));
        Assert.True(principal.CanRead("globex"));
        Assert.False(principal.CanManage("globex"));
        Assert.Equal(["acme", "globex"], principal.ReadableTenants!.Order());
    }
}
