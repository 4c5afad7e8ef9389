using System.Globalization;
using System.Net;
using System.Text;
using Gatehouse.Configuration;
using Gatehouse.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Alerts;

/// <summary>
/// Posts an alert to one webhook: each attempt bounded by <see cref="WebhookDeliveryOptions.Timeout"/>, up to
/// <see cref="WebhookDeliveryOptions.MaxAttempts"/> with doubling backoff, honouring Retry-After on 429 and 503 (a
/// wait longer than MaxDelay ends the attempts: the queue's redelivery comes later anyway). Other 4xx answers are not
/// retried here. Logs name the webhook, never its URL, whose path or query is the credential.
/// </summary>
public sealed partial class WebhookSender(IHttpClientFactory clients, IOptions<GatehouseOptions> options, TimeProvider time, ILogger<WebhookSender> logger)
{
    public const string HttpClientName = "gatehouse-webhooks";

    private readonly WebhookDeliveryOptions _options = options.Value.Alerts.Delivery;

    /// <param name="maxAttempts">Fewer than configured when one try is all there is (a poison alert about the alerts queue).</param>
    public async Task<WebhookDelivery> SendAsync(WebhookTarget target, AlertMessage alert, int? maxAttempts, CancellationToken cancellationToken)
    {
        var attempts = Math.Clamp(maxAttempts ?? _options.MaxAttempts, 1, _options.MaxAttempts);
        var body = WebhookPayload.For(target.Format, alert);
        var client = clients.CreateClient(HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            var (status, error, retryAfter) = await PostAsync(client, target, body, cancellationToken);
            if (error is null)
            {
                return new WebhookDelivery(target.Name, true, attempt, status, null);
            }

            var wait = retryAfter ?? Backoff(attempt);
            var retryable = status is null or >= 500 or 408 or 429;
            if (attempt >= attempts || !retryable || wait > _options.MaxDelay)
            {
                LogGaveUp(logger, target.Name, alert.Id, attempt, error);
                return new WebhookDelivery(target.Name, false, attempt, status, error);
            }

            LogRetrying(logger, target.Name, alert.Id, attempt, error, wait.TotalMilliseconds);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private async Task<(int? Status, string? Error, TimeSpan? RetryAfter)> PostAsync(HttpClient client, WebhookTarget target, string body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? (status, null, null)
                : (status, $"HTTP {status.ToString(CultureInfo.InvariantCulture)}", RetryAfter(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timeout", null);
        }
        catch (HttpRequestException e)
        {
            // The message can hold the host name, not the path; the error kind says enough.
            return (null, e.HttpRequestError.ToString(), null);
        }
    }

    /// <summary>Retry-After on 429/503, as seconds or an HTTP date; null when absent or another status.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        var wait = header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(_options.BaseDelay.Ticks * (1L << Math.Min(attempt - 1, 20)), _options.MaxDelay.Ticks));

    [LoggerMessage(EventId = 9401, Level = LogLevel.Warning, Message = "Webhook {Webhook}: alert {AlertId} attempt {Attempt} failed ({Error}); retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string webhook, string alertId, int attempt, string error, double delayMs);

    [LoggerMessage(EventId = 9402, Level = LogLevel.Warning, Message = "Webhook {Webhook}: alert {AlertId} not delivered after {Attempts} attempt(s) ({Error})")]
    private static partial void LogGaveUp(ILogger logger, string webhook, string alertId, int attempts, string error);
}
