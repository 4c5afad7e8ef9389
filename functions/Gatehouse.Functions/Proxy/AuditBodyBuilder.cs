using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Gatehouse.Audit;
using Gatehouse.Audit.Bodies;
using Gatehouse.Providers;
using Microsoft.Extensions.Options;

namespace Gatehouse.Proxy;

/// <summary>
/// Turns a request's <see cref="AuditBodyCapture"/> into the encrypted <see cref="AuditBody"/> of its audit record:
/// redacted first when the mode says so, capped (<see cref="AuditBodyDocument"/>), then encrypted with the active key
/// and bound to the request id. Fails closed: a body that cannot be redacted or encrypted is left out, never stored in
/// the clear; the record says nothing more than that (the log names the request, never the text).
/// </summary>
internal sealed partial class AuditBodyBuilder(
    IOptions<AuditBodyOptions> options, AuditBodyRedactor redactor, AuditBodyCipher cipher, ILogger<AuditBodyBuilder> logger)
{
    public async ValueTask<AuditBody?> BuildAsync(ProxyContext context, AuditBodyCapture capture)
    {
        var settings = options.Value;
        byte[]? plaintext = null;
        try
        {
            JsonNode prompt = capture.Prompt;
            var (response, truncated) = capture.Response();
            if (settings.Mode == AuditBodyMode.Redacted)
            {
                // The client is gone or done by now: its cancellation must not cost the record.
                prompt = await redactor.RedactPromptAsync(context.Operation, capture.Prompt, CancellationToken.None);
                response = response is not null && context.Operation == ProviderOperation.ChatCompletions
                    ? await redactor.RedactAnswerAsync(response, CancellationToken.None)
                    : response;
            }

            plaintext = AuditBodyDocument.Build(prompt, response, settings.MaxBytes, truncated);
            return cipher.Encrypt(plaintext, context.RequestId, settings.Mode);
        }
        catch (Exception e)
        {
            // Whatever failed (a detector included), the record itself must still be published. Only our own
            // exceptions' messages are known to hold no body text.
            LogBodyDropped(logger, context.RequestId, e is AuditBodyException ? e.Message : e.GetType().Name);
            return null;
        }
        finally
        {
            if (plaintext is not null)
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }

    [LoggerMessage(EventId = 2401, Level = LogLevel.Error, Message = "Request {RequestId}: audit body not stored ({Reason})")]
    private static partial void LogBodyDropped(ILogger logger, string requestId, string reason);
}
