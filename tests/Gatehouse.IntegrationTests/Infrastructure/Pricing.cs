using System.Text.Json.Nodes;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>Round test prices (USD per 1M tokens) given to upstream models through config, and the cost they give.</summary>
public static class Pricing
{
    public const decimal Input = 10m;
    public const decimal Output = 20m;

    /// <summary>The <c>Gatehouse:Pricing:Models</c> settings that price each upstream model at <see cref="Input"/>/<see cref="Output"/>.</summary>
    public static Dictionary<string, string?> For(params string[] upstreamModels)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var model in upstreamModels)
        {
            settings[$"Gatehouse:Pricing:Models:{model}:Input"] = "10";
            settings[$"Gatehouse:Pricing:Models:{model}:Output"] = "20";
        }

        return settings;
    }

    public static decimal Cost(long promptTokens, long completionTokens) => ((promptTokens * Input) + (completionTokens * Output)) / 1_000_000m;

    /// <summary>The cost of an OpenAI response's <c>usage</c>.</summary>
    public static decimal Cost(JsonNode usage) =>
        Cost(usage["prompt_tokens"]!.GetValue<long>(), usage["completion_tokens"]!.GetValue<long>());

    public static Dictionary<string, string?> With(this Dictionary<string, string?> settings, string key, string value)
    {
        settings[key] = value;
        return settings;
    }
}
