using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using Gatehouse.Configuration;
using Microsoft.Extensions.Options;

namespace Gatehouse.Tokens;

/// <summary>
/// Model prices: the book shipped in the repo (Tokens/prices.json, embedded), with <c>Gatehouse:Pricing:Models</c>
/// replacing or adding entries. Built once at start; <see cref="Find"/> runs per request, so its answers are cached.
/// </summary>
public sealed class PriceBook
{
    internal const string ResourceName = "Gatehouse.Tokens.prices.json";

    // Model names come from server config, so the cache stays small; the cap only guards against a surprise.
    private const int MaxCachedLookups = 10_000;

    private static readonly JsonSerializerOptions FileFormat = new() { PropertyNameCaseInsensitive = true };

    private readonly FrozenDictionary<string, ModelPrice> _prices;
    private readonly ConcurrentDictionary<string, ModelPrice?> _lookups = new(StringComparer.OrdinalIgnoreCase);

    public PriceBook(IOptions<GatehouseOptions> options)
    {
        var file = ReadEmbeddedFile();
        AsOf = file.AsOf ?? "";
        var entries = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var (model, price) in file.Models.Concat(options.Value.Pricing.Models))
        {
            entries[model] = price.ToModelPrice(); // config comes second, so it wins
        }

        _prices = entries.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The date the shipped list prices were taken from the providers' pages.</summary>
    public string AsOf { get; }

    /// <summary>
    /// The price of an upstream model, case-insensitive: the exact name, else the name without one trailing snapshot
    /// suffix (<c>-2024-07-18</c> a part at a time, <c>-0613</c>, <c>-20241022</c>, <c>-001</c>, <c>-latest</c>,
    /// <c>-preview</c>, <c>-exp</c>), repeatedly. "gpt-4o-mini-2024-07-18" finds gpt-4o-mini, never gpt-4o. Null when unknown.
    /// </summary>
    public ModelPrice? Find(string model)
    {
        if (_lookups.TryGetValue(model, out var cached))
        {
            return cached;
        }

        var price = Resolve(model);
        if (_lookups.Count < MaxCachedLookups)
        {
            _lookups.TryAdd(model, price);
        }

        return price;
    }

    /// <summary>
    /// The highest of the models' prices, rate by rate (an upper bound on what any of them charges), or null when any of
    /// them has no price. For reserving a budget before routing has picked the deployment.
    /// </summary>
    public ModelPrice? Highest(IEnumerable<string> models)
    {
        ModelPrice? highest = null;
        foreach (var model in models)
        {
            if (Find(model) is not { } price)
            {
                return null;
            }

            highest = highest is null ? price : new ModelPrice(
                Math.Max(highest.InputPerMillion, price.InputPerMillion),
                Math.Max(highest.CachedInputPerMillion ?? highest.InputPerMillion, price.CachedInputPerMillion ?? price.InputPerMillion),
                Math.Max(highest.OutputPerMillion, price.OutputPerMillion),
                highest.MaxOutputTokens is { } a && price.MaxOutputTokens is { } b ? Math.Max(a, b) : null);
        }

        return highest;
    }

    /// <summary>The embedded book's entries as written, for checking the file itself.</summary>
    internal static IReadOnlyDictionary<string, ModelPriceOptions> ShippedEntries() => ReadEmbeddedFile().Models;

    private ModelPrice? Resolve(string model)
    {
        var name = model.Trim();
        name = name[(name.LastIndexOf('/') + 1)..];
        while (true)
        {
            if (_prices.TryGetValue(name, out var price))
            {
                return price;
            }

            var dash = name.LastIndexOf('-');
            if (dash <= 0 || !IsSnapshotSuffix(name.AsSpan(dash + 1)))
            {
                return null;
            }

            name = name[..dash];
        }
    }

    private static bool IsSnapshotSuffix(ReadOnlySpan<char> part) =>
        (part.Length is >= 2 and <= 8 && !part.ContainsAnyExceptInRange('0', '9'))
        || part.Equals("latest", StringComparison.OrdinalIgnoreCase)
        || part.Equals("preview", StringComparison.OrdinalIgnoreCase)
        || part.Equals("exp", StringComparison.OrdinalIgnoreCase);

    private static PriceFile ReadEmbeddedFile()
    {
        using var stream = typeof(PriceBook).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The price book resource {ResourceName} is missing from the assembly.");
        var file = JsonSerializer.Deserialize<PriceFile>(stream, FileFormat)
            ?? throw new InvalidOperationException("The price book is empty.");
        var problems = file.Models.SelectMany(entry => entry.Value.Validate($"prices.json:{entry.Key}")).ToList();
        return problems.Count == 0 ? file : throw new InvalidOperationException($"The price book is invalid: {string.Join(" ", problems)}");
    }

    private sealed class PriceFile
    {
        public string? AsOf { get; set; }

        public Dictionary<string, ModelPriceOptions> Models { get; set; } = [];
    }
}
