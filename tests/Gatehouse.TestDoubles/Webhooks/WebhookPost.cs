namespace Gatehouse.TestDoubles.Webhooks;

/// <summary>One POST the fake webhook received, and the status it answered.</summary>
public sealed record WebhookPost(string Path, string? ContentType, string Body, int AnsweredStatus)
{
    public bool Accepted => AnsweredStatus is >= 200 and < 300;
}
