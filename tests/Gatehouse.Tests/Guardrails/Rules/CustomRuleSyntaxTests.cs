using Gatehouse.Guardrails.Rules;

namespace Gatehouse.Tests.Guardrails.Rules;

public sealed class CustomRuleSyntaxTests
{
    private static CustomRule Regex(string pattern, string action = "block", string direction = "both") =>
        new("codes", "regex", pattern, [], direction, action, null);

    private static CustomRule DenyList(params string[] terms) => new("words", "deny_list", null, terms, "input", "flag", null);

    private static RuleProblem Problem(CustomRule rule) => Assert.Single(CustomRuleSyntax.Check(rule));

    [Theory]
    [InlineData("a")]
    [InlineData("project_codes-2")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void IsValidName_LowercaseDigitsUnderscoreHyphen_UpTo64(string name) => Assert.True(CustomRuleSyntax.IsValidName(name));

    [Theory]
    [InlineData("")]
    [InlineData("Codes")]
    [InlineData("a b")]
    [InlineData("a.b")]
    [InlineData("~count")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void IsValidName_Otherwise_IsFalse(string name) => Assert.False(CustomRuleSyntax.IsValidName(name));

    [Fact]
    public void Check_ValidRules_HaveNoProblem()
    {
        Assert.Empty(CustomRuleSyntax.Check(Regex(@"(?i)\bproject-[0-9]{4}\b")));
        Assert.Empty(CustomRuleSyntax.Check(DenyList("falcon", "blue heron")));
        Assert.Empty(CustomRuleSyntax.Check(Regex("x", "redact", "input")));
        Assert.Empty(CustomRuleSyntax.Check(Regex("x", "mask", "output")));
    }

    [Fact]
    public void Check_BadRegex_GivesTheParsersMessage()
    {
        var problem = Problem(Regex("(abc"));

        Assert.Equal("pattern", problem.Field);
        Assert.StartsWith("is not a valid regular expression: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Not enough )'s", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"(a)\1", "backreference")]
    [InlineData("secret(?=key)", "lookahead")]
    [InlineData("(?<!no)key", "lookbehind")]
    [InlineData("(?>a+)b", "atomic")]
    public void Check_ConstructsTheLinearEngineLacks_AreRefusedClearly(string pattern, string construct)
    {
        var problem = Problem(Regex(pattern));

        Assert.Equal("pattern", problem.Field);
        Assert.Contains("linear-time regex engine", problem.Message, StringComparison.Ordinal);
        Assert.Contains(construct, problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("a*")]
    [InlineData("(x|)")]
    [InlineData("^")]
    public void Check_PatternMatchingEmptyText_IsRefused(string pattern) =>
        Assert.Contains("matches the empty text", Problem(Regex(pattern)).Message, StringComparison.Ordinal);

    [Fact]
    public void Check_PatternOfMoreThan1000Characters_IsRefused()
    {
        Assert.Empty(CustomRuleSyntax.Check(Regex(new string('a', 1000))));
        Assert.Contains("at most 1000", Problem(Regex(new string('a', 1001))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Terms_AreBounded()
    {
        Assert.Empty(CustomRuleSyntax.Check(DenyList([.. Enumerable.Range(0, 500).Select(i => $"{new string('t', 195)}{i:D5}")])));
        Assert.Equal("terms", Problem(DenyList([.. Enumerable.Range(0, 501).Select(i => $"t{i}")])).Field);
        Assert.Equal("terms", Problem(DenyList()).Field);
        Assert.Contains("term 1 must be", Problem(DenyList("ok", new string('t', 201))).Message, StringComparison.Ordinal);
        Assert.Contains("term 0 must be", Problem(DenyList("line\nbreak")).Message, StringComparison.Ordinal);
        Assert.Contains("term 0 is empty", Problem(DenyList(" \u200B ")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_KindActionDirection_MustBeKnown_AndFallbackIsNotARuleAction()
    {
        Assert.Equal("kind", Problem(new CustomRule("r", "glob", "x", [], "both", "block", null)).Field);
        Assert.Equal("direction", Problem(Regex("x", direction: "sideways")).Field);
        var fallback = Problem(Regex("x", action: "fallback"));
        Assert.Equal("action", fallback.Field);
        Assert.Contains("block, redact, mask, flag", fallback.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FieldsOfTheOtherKind_AreRefused()
    {
        Assert.Equal("terms", Problem(new CustomRule("r", "regex", "x", ["t"], "both", "block", null)).Field);
        Assert.Equal("pattern", Problem(new CustomRule("r", "deny_list", "x", ["t"], "both", "block", null)).Field);
    }

    [Fact]
    public void Check_EveryProblem_IsReported()
    {
        var problems = CustomRuleSyntax.Check(new CustomRule("r", "regex", null, [], "up", "fallback", new string('d', 501)));

        Assert.Equal(["pattern", "direction", "action", "description"], problems.Select(p => p.Field));
    }
}
