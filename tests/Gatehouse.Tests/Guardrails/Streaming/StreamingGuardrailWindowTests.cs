using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Redaction;
using Gatehouse.Guardrails.Streaming;

namespace Gatehouse.Tests.Guardrails.Streaming;

public sealed class StreamingGuardrailWindowTests
{
    private readonly EmailStubDetector _emails = new();

    /// <summary>What the scanner does per piece: inspect held + new, act on settled findings (redact), release.</summary>
    private async Task<string> StepAsync(StreamingGuardrailWindow window, string text, bool final = false)
    {
        var buffer = window.Append(text);
        var found = await _emails.InspectAsync(new GuardrailInput(GuardrailDirection.Output, [new GuardrailSegment(0, null, "assistant", buffer)]), CancellationToken.None);
        var rewrites = found.Where(f => window.IsSettled(f, final)).Select(f => new GuardrailRewrite(f, GuardrailAction.Redact)).ToList();
        return window.Release(found, rewrites, final);
    }

    private async Task<List<string>> StreamAsync(StreamingGuardrailWindow window, params string[] chunks)
    {
        var released = new List<string>();
        foreach (var chunk in chunks)
        {
            released.Add(await StepAsync(window, chunk));
        }

        released.Add(await StepAsync(window, "", final: true));
        return released;
    }

    [Theory]
    [InlineData("write to ann@exa", "mple.com please")]
    [InlineData("write to ann", "@example", ".com please")]
    [InlineData("write to a", "nn@example.c", "om please")]
    public async Task AValueSplitAcrossChunks_IsCaught_AndNoPieceOfItIsReleased(params string[] chunks)
    {
        var released = await StreamAsync(new StreamingGuardrailWindow(64, vault: null), chunks);

        Assert.Equal("write to [REDACTED_EMAIL] please", string.Concat(released));
        Assert.All(released, piece => Assert.DoesNotContain("@", piece, StringComparison.Ordinal));
        Assert.All(released, piece => Assert.DoesNotContain("ann", piece, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TextIsReleasedPromptly_AllButTheLookBehind()
    {
        var window = new StreamingGuardrailWindow(16, vault: null);
        var text = new string('x', 40) + " ";

        Assert.Equal(25, (await StepAsync(window, text)).Length);
        Assert.Equal(16, window.Held.Length);
        Assert.Equal(10, (await StepAsync(window, "0123456789")).Length);
        Assert.Equal(16, (await StepAsync(window, "", final: true)).Length);
    }

    [Fact]
    public async Task AFindingStillGrowingAtTheEnd_IsHeldWhole_PastTheLookBehind()
    {
        var window = new StreamingGuardrailWindow(4, vault: null);

        Assert.Equal("mail ", await StepAsync(window, "mail ann@example.co")); // could still grow to .com
        Assert.Equal("ann@example.co", window.Held);
        Assert.Equal("", await StepAsync(window, "m"));
        Assert.Equal("[REDACTED_EMAIL] t", await StepAsync(window, " to me")); // settled: acted on; the look-behind still held
        Assert.Equal("o me", window.Held);
        Assert.Equal("o me", await StepAsync(window, "", final: true));
    }

    [Fact]
    public async Task AFindingLongerThanTheLookBehind_IsHeldUntilItStopsGrowing()
    {
        var window = new StreamingGuardrailWindow(4, vault: null);
        var local = new string('a', 70);

        Assert.Equal("x ", await StepAsync(window, $"x {local}@example.co")); // matches already: held
        Assert.Equal("", await StepAsync(window, "m"));
        Assert.Equal("[REDACTED_EMAIL]", await StepAsync(window, "!!!!"));
        Assert.Equal("!!!!", window.Held);
    }

    [Fact]
    public async Task Placeholders_SplitAcrossChunks_AreRestored_EvenNextToTheirTenfold()
    {
        var vault = new RedactionVault("");
        for (var i = 1; i <= 10; i++)
        {
            vault.Mask("EMAIL", $"u{i}@example.com");
        }

        var window = new StreamingGuardrailWindow(0, vault);
        var released = await StreamAsync(window, "Hi [EMA", "IL_1] and [EMAIL_1", "0]", " and [EMAIL_1", "] bye [");

        Assert.Equal(["Hi ", "u1@example.com and ", "u10@example.com", " and ", "u1@example.com bye ", "["], released);
    }

    [Fact]
    public async Task RestoredValues_AreNotInspected_TheDetectorsSeeThePlaceholder()
    {
        var vault = new RedactionVault("");
        vault.Mask("EMAIL", "ann@example.com");
        var window = new StreamingGuardrailWindow(8, vault);

        var released = await StreamAsync(window, "yours is [EMAIL_1], mine is bob@", "example.org.");

        Assert.Equal("yours is ann@example.com, mine is [REDACTED_EMAIL].", string.Concat(released));
    }
}
