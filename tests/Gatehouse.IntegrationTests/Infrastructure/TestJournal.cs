namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>
/// The publishers' local journal root for this test process: apps started here each lock their own directory under
/// it, and adopt what earlier apps of this process left unsent, but never another test run's leftovers.
/// </summary>
public static class TestJournal
{
    public const string PathSetting = "Gatehouse:Audit:Journal:Path";

    public static string Root { get; } = Create();

    /// <summary>A root of its own, for a test that must see exactly what its own apps journal.</summary>
    public static string NewRoot() => Directory.CreateDirectory(Path.Combine(Root, "own-" + Guid.NewGuid().ToString("N"))).FullName;

    private static string Create()
    {
        var root = Directory.CreateTempSubdirectory("gatehouse-test-journal-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A child process still writing: the temp directory's usual clean-up takes it later.
            }
        };
        return root;
    }
}
