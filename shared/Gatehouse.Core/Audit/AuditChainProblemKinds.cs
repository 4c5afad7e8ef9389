namespace Gatehouse.Audit;

/// <summary>What <see cref="AuditChainVerifier"/> can find wrong with a partition (stable snake_case; scripts read them).</summary>
public static class AuditChainProblemKinds
{
    /// <summary>A record's columns (or its Seq, or its chain columns) no longer match its stored hash.</summary>
    public const string Edited = "edited";

    /// <summary>A gap in Seq, or the head counts more records than are there (a cut tail).</summary>
    public const string Missing = "missing";

    /// <summary>A record links to another record than the one before it in Seq order, or two records share a Seq.</summary>
    public const string Reordered = "reordered";

    /// <summary>A record's PrevHash matches no record of the partition.</summary>
    public const string BrokenLink = "broken_link";

    /// <summary>The head row disagrees with the last record (Seq or hash).</summary>
    public const string HeadMismatch = "head_mismatch";

    /// <summary>Records exist but the head row does not.</summary>
    public const string HeadMissing = "head_missing";

    /// <summary>The inline <c>Body</c> column does not match <c>BodySha256</c>, or the body is gone.</summary>
    public const string BodyChanged = "body_changed";

    /// <summary>The body blob's content does not match <c>BodySha256</c>.</summary>
    public const string BodyBlobChanged = "body_blob_changed";

    /// <summary>The body blob named by <c>BodyBlob</c> does not exist.</summary>
    public const string BodyBlobMissing = "body_blob_missing";

    /// <summary>The partition holds more records than one verification reads; nothing was concluded.</summary>
    public const string TooLarge = "too_large";
}
