using System.Collections.Concurrent;
using Gatehouse.Guardrails.PolicyOverrides;
using Gatehouse.Keys;
using Gatehouse.Tenants;

namespace Gatehouse.Guardrails;

/// <summary>
/// The policy a request runs under: the key's own override if it has one, else its tenant's, else the alias's
/// configured policy (<see cref="GuardrailPipeline.PolicyFor"/>). Like that one, null when the policy has no rules.
/// An override's policy is built once per version (its stored text) and kept per key or tenant id, so a request
/// costs a dictionary read and a string comparison, never a rebuild; keys and tenants arrive already cached.
/// </summary>
public sealed class GuardrailPolicyResolver(GuardrailPipeline pipeline, IEnumerable<IGuardrailDetector> detectors)
{
    /// <summary>Built policies kept per kind at most; past it they are dropped and rebuilt on demand (memory stays bounded).</summary>
    public const int MaxCached = 10_000;

    private readonly IGuardrailDetector[] _detectors = [.. detectors];
    private readonly ConcurrentDictionary<string, Built> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Built> _tenants = new(StringComparer.Ordinal);

    public GuardrailPolicy? Resolve(string alias, VirtualKey key, Tenant? tenant)
    {
        if (key.GuardrailOverride is { } own)
        {
            return For(_keys, key.Id, "key", own);
        }

        return tenant?.GuardrailOverride is { } shared ? For(_tenants, tenant.Id, "tenant", shared) : pipeline.PolicyFor(alias);
    }

    private GuardrailPolicy? For(ConcurrentDictionary<string, Built> built, string id, string kind, GuardrailPolicyOverride policyOverride)
    {
        if (!built.TryGetValue(id, out var entry) || !string.Equals(entry.Text, policyOverride.Text, StringComparison.Ordinal))
        {
            if (built.Count >= MaxCached)
            {
                built.Clear();
            }

            entry = new Built(policyOverride.Text, GuardrailPolicy.From($"{kind}:{id}", policyOverride.ToOptions(), _detectors));
            built[id] = entry;
        }

        return entry.Policy.Detectors.Count > 0 ? entry.Policy : null; // as PolicyFor: an empty override still runs custom rules
    }

    private sealed record Built(string Text, GuardrailPolicy Policy);
}
