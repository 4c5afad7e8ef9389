namespace Gatehouse.IntegrationTests.Messaging;

/// <summary>Reads a journal root's segment files as they are on disk, while their owner may still be writing (or deleting) them.</summary>
public static class JournalFiles
{
    /// <summary>Every segment's text under <paramref name="root"/>, for looking request ids up in.</summary>
    public static string Text(string root)
    {
        if (!Directory.Exists(root))
        {
            return "";
        }

        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(root, "*.log", SearchOption.AllDirectories))
        {
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                text.Append(reader.ReadToEnd());
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
            {
                // Sent and deleted between the listing and the read.
            }
        }

        return text.ToString();
    }

    /// <summary>Which of <paramref name="ids"/> the journal under <paramref name="root"/> holds now.</summary>
    public static IReadOnlyList<string> Holding(string root, IEnumerable<string> ids)
    {
        var text = Text(root);
        return ids.Where(id => text.Contains(id, StringComparison.Ordinal)).ToList();
    }
}
