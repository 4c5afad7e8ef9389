using System.Text.RegularExpressions;
using Gatehouse.Configuration;
using Gatehouse.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Gatehouse.Alerts;

/// <summary>
/// The webhooks of <c>Gatehouse:Alerts:Webhooks</c>, URLs resolved (from <c>Url</c> or the setting <c>UrlSetting</c>
/// names) and checked at start-up with every problem reported. Problems never quote a URL: it may be the secret.
/// </summary>
public sealed partial class WebhookTargets
{
    public WebhookTargets(IOptions<GatehouseOptions> options, IConfiguration configuration)
    {
        var problems = new List<string>();
        All = Resolve(options.Value.Alerts, configuration, problems);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems)); // start-up validation reports these first
        }
    }

    public IReadOnlyList<WebhookTarget> All { get; }

    public IEnumerable<WebhookTarget> For(string kind) => All.Where(t => t.Takes(kind));

    public static IReadOnlyList<string> Problems(AlertOptions options, IConfiguration configuration)
    {
        var problems = new List<string>();
        Resolve(options, configuration, problems);
        return problems;
    }

    private static List<WebhookTarget> Resolve(AlertOptions options, IConfiguration configuration, List<string> problems)
    {
        var targets = new List<WebhookTarget>();
        foreach (var (name, webhook) in options.Webhooks.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            var path = $"Gatehouse:Alerts:Webhooks:{name}";
            var count = problems.Count;
            if (!NamePattern().IsMatch(name))
            {
                problems.Add($"{path}: a webhook name is 1-64 letters, digits, '-' and '_', starting with a letter or digit.");
            }

            var url = Url(webhook, configuration, path, problems);
            foreach (var kind in webhook.Kinds.Where(k => !AlertKinds.All.Contains(k)))
            {
                problems.Add($"{path}:Kinds: unknown alert kind '{kind}'; known: {string.Join(", ", AlertKinds.All)}.");
            }

            if (problems.Count == count && url is not null)
            {
                targets.Add(new WebhookTarget(name, url, webhook.Format, webhook.Kinds.ToHashSet(StringComparer.Ordinal)));
            }
        }

        return targets;
    }

    private static Uri? Url(WebhookOptions webhook, IConfiguration configuration, string path, List<string> problems)
    {
        string text;
        string where;
        switch (webhook.Url, webhook.UrlSetting)
        {
            case ({ Length: > 0 } url, null or ""):
                (text, where) = (url, $"{path}:Url");
                break;
            case (null or "", { Length: > 0 } setting):
                (text, where) = (configuration[setting] ?? "", $"{path}:UrlSetting: the setting '{setting}'");
                if (text.Length == 0)
                {
                    problems.Add($"{where} is empty; set it to the webhook's URL.");
                    return null;
                }

                break;
            default:
                problems.Add($"{path}: give exactly one of Url and UrlSetting.");
                return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            problems.Add($"{where}: is not an absolute URL.");
            return null;
        }

        if (UpstreamUrlRule.Check(text, allowQuery: true) is { } problem)
        {
            problems.Add($"{where}: {problem}");
            return null;
        }

        return uri;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();
}
