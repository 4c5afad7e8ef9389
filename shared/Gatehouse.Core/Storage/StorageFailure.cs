namespace Gatehouse.Storage;

/// <summary>The failures that mean "storage could not answer now" (as opposed to a bug): callers fail closed on them.</summary>
public static class StorageFailure
{
    public static bool IsUnavailable(Exception e) => e is Azure.RequestFailedException or HttpRequestException or TimeoutException;
}
