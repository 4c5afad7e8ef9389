using Gatehouse.Configuration;
using Gatehouse.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Gatehouse.Tests.Tokens;

public sealed class PriceBookTests
{
    private static readonly PriceBook Shipped = new(Options.Create(new GatehouseOptions()));

    private static PriceBook WithConfig(Dictionary<string, string?> settings)
    {
        var options = new GatehouseOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(GatehouseOptions.SectionName).Bind(options);
        return new PriceBook(Options.Create(options));
    }

    [Fact]
    public void ShippedBook_HasEveryListedModel_AndEveryEntryIsValid()
    {
        string[] listed =
        [
            "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-5", "gpt-5-mini", "gpt-5-nano", "o1", "o3",
            "o3-mini", "o4-mini", "gpt-4-turbo", "gpt-4", "gpt-3.5-turbo", "text-embedding-3-small", "text-embedding-3-large",
            "text-embedding-ada-002", "claude-opus-4", "claude-sonnet-4", "claude-3-7-sonnet", "claude-3-5-sonnet",
            "claude-3-5-haiku", "claude-3-haiku", "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.0-flash", "gemini-1.5-pro",
            "gemini-1.5-flash",
        ];
        var entries = PriceBook.ShippedEntries();

        Assert.Equal(listed.Order(StringComparer.Ordinal), entries.Keys.Order(StringComparer.Ordinal));
        Assert.All(entries, entry =>
        {
            Assert.Empty(entry.Value.Validate(entry.Key));
            Assert.True(entry.Value.CachedInput is null || entry.Value.CachedInput <= entry.Value.Input, $"{entry.Key}: cached input dearer than input");
        });
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", Shipped.AsOf);
    }

    [Theory]
    [InlineData("gpt-4o-mini-2024-07-18", "gpt-4o-mini")]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("GPT-4O", "gpt-4o")]
    [InlineData("openai/gpt-4o", "gpt-4o")]
    [InlineData("gpt-4-0613", "gpt-4")]
    [InlineData("gpt-4-turbo-2024-04-09", "gpt-4-turbo")]
    [InlineData("gpt-4-turbo-preview", "gpt-4-turbo")]
    [InlineData("gpt-3.5-turbo-0125", "gpt-3.5-turbo")]
    [InlineData("o3-mini-2025-01-31", "o3-mini")]
    [InlineData("claude-3-5-sonnet-20241022", "claude-3-5-sonnet")]
    [InlineData("claude-3-5-haiku-latest", "claude-3-5-haiku")]
    [InlineData("claude-sonnet-4-20250514", "claude-sonnet-4")]
    [InlineData("gemini-2.0-flash-001", "gemini-2.0-flash")]
    [InlineData("gemini-1.5-pro-latest", "gemini-1.5-pro")]
    [InlineData("gemini-2.5-flash-preview-05-20", "gemini-2.5-flash")]
    public void Find_SnapshotNames_ResolveToTheirFamily(string model, string family)
    {
        var price = Shipped.Find(model);

        Assert.NotNull(price);
        Assert.Same(Shipped.Find(family), price);
    }

    [Fact]
    public void Find_MiniSnapshot_IsNeverTheLargerModel()
    {
        var mini = Shipped.Find("gpt-4o-mini-2024-07-18");

        Assert.Equal(PriceBook.ShippedEntries()["gpt-4o-mini"].Input, mini?.InputPerMillion);
        Assert.NotEqual(Shipped.Find("gpt-4o")!.InputPerMillion, mini?.InputPerMillion);
    }

    [Theory]
    [InlineData("llama-3")]
    [InlineData("gpt-4o-mini-tts")]
    [InlineData("claude-sonnet-4-5")]
    [InlineData("gemini-2.5-flash-lite")]
    [InlineData("gpt-4o-")]
    [InlineData("-latest")]
    [InlineData("")]
    public void Find_UnknownModel_IsNull(string model) => Assert.Null(Shipped.Find(model));

    [Fact]
    public void Find_ConfigOverridesTheBook_AndAddsModels()
    {
        var book = WithConfig(new()
        {
            ["Gatehouse:Pricing:Models:gpt-4o-mini:Input"] = "0.2",
            ["Gatehouse:Pricing:Models:gpt-4o-mini:Output"] = "0.8",
            ["Gatehouse:Pricing:Models:llama-3:Input"] = "0.05",
            ["Gatehouse:Pricing:Models:llama-3:CachedInput"] = "0.01",
            ["Gatehouse:Pricing:Models:llama-3:Output"] = "0.25",
            ["Gatehouse:Pricing:Models:llama-3:MaxOutputTokens"] = "8192",
        });

        Assert.Equal(new ModelPrice(0.2m, null, 0.8m, null), book.Find("gpt-4o-mini-2024-07-18"));
        Assert.Equal(new ModelPrice(0.05m, 0.01m, 0.25m, 8192), book.Find("LLAMA-3"));
        Assert.Equal(Shipped.Find("gpt-4o"), book.Find("gpt-4o"));
    }
}
