using Gatehouse.Guardrails.Redaction;

namespace Gatehouse.Tests.Guardrails.Redaction;

public sealed class RedactionVaultTests
{
    [Fact]
    public void Mask_SameValueSamePlaceholder_NumberedPerTypeInOrder()
    {
        var vault = new RedactionVault("");

        Assert.Equal("[EMAIL_1]", vault.Mask("EMAIL", "ann@example.com"));
        Assert.Equal("[EMAIL_2]", vault.Mask("EMAIL", "bob@example.com"));
        Assert.Equal("[EMAIL_1]", vault.Mask("EMAIL", "ann@example.com"));
        Assert.Equal("[PHONE_1]", vault.Mask("PHONE", "+44 20 7946 0958"));
        Assert.Equal("[CUSTOM_RULE_1]", vault.Mask("custom-rule", "x"));
        Assert.Equal(4, vault.Count);
    }

    [Fact]
    public void Mask_SkipsANumberWhosePlaceholderTheRequestAlreadyHolds()
    {
        var vault = new RedactionVault("""{"messages":[{"role":"user","content":"keep [EMAIL_1] and [EMAIL_3] as typed"}]}""");

        Assert.Equal("[EMAIL_2]", vault.Mask("EMAIL", "ann@example.com"));
        Assert.Equal("[EMAIL_4]", vault.Mask("EMAIL", "bob@example.com"));
        Assert.Equal("keep [EMAIL_1] and [EMAIL_3], ann@example.com", vault.Restore("keep [EMAIL_1] and [EMAIL_3], [EMAIL_2]"));
    }

    [Fact]
    public void Restore_ExactPlaceholdersOnly_OneNextToItsTenfold()
    {
        var vault = new RedactionVault("");
        for (var i = 1; i <= 10; i++)
        {
            vault.Mask("EMAIL", $"user{i}@example.com");
        }

        Assert.Equal("user1@example.com,user10@example.com", vault.Restore("[EMAIL_1],[EMAIL_10]"));
        Assert.Equal("user10@example.comuser1@example.com", vault.Restore("[EMAIL_10][EMAIL_1]"));
        Assert.Equal("[EMAIL_11] [EMAIL_1 [[EMAIL_] [email_1] user1@example.com]", vault.Restore("[EMAIL_11] [EMAIL_1 [[EMAIL_] [email_1] [EMAIL_1]]"));
        Assert.Same("no placeholder", vault.Restore("no placeholder"));
    }

    [Fact]
    public void Restore_InJson_EscapesTheValue()
    {
        var vault = new RedactionVault("");
        vault.Mask("NAME", "O\"Neil \\ é");

        Assert.Equal("""{"to":"O\"Neil \\ é"}""", vault.Restore("""{"to":"[NAME_1]"}""", jsonEscaped: true));
        Assert.Equal("to O\"Neil \\ é", vault.Restore("to [NAME_1]"));
    }

    [Theory]
    [InlineData("see [EMAI", 9, 4)]           // incomplete placeholder at the end: held from its bracket
    [InlineData("see [EMAIL_1] now", 8, 4)]   // a cut inside a placeholder moves before it
    [InlineData("see [EMAIL_1] now", 13, 13)] // after it: fine
    [InlineData("see [EMAIL_1", 12, 4)]       // could still become [EMAIL_1] or [EMAIL_10]
    [InlineData("see [EMAIL_2", 12, 12)]      // cannot become one of the vault's: released
    [InlineData("see [note] x", 12, 12)]
    [InlineData("a [link", 7, 7)]
    [InlineData("[EMAIL_10] and [", 16, 15)]
    public void SafeCut_NeverSplitsAPlaceholder(string text, int cut, int expected)
    {
        // [EMAIL_1] and [EMAIL_10] only: the request already held 2 to 9.
        var vault = new RedactionVault("[EMAIL_2] [EMAIL_3] [EMAIL_4] [EMAIL_5] [EMAIL_6] [EMAIL_7] [EMAIL_8] [EMAIL_9]");
        Assert.Equal("[EMAIL_1]", vault.Mask("EMAIL", "a@example.com"));
        Assert.Equal("[EMAIL_10]", vault.Mask("EMAIL", "b@example.com"));

        Assert.Equal(expected, vault.SafeCut(text, cut));
    }
}
