using System.ComponentModel.DataAnnotations;

namespace Gatehouse.Configuration;

public sealed class KeyOptions
{
    /// <summary>Server-side secret mixed into every key hash (HMAC-SHA256), so a leaked table cannot be brute-forced offline.</summary>
    [Required(ErrorMessage = "Gatehouse:Keys:Pepper is required (at least 32 characters; set Gatehouse__Keys__Pepper).")]
    [MinLength(32, ErrorMessage = "Gatehouse:Keys:Pepper must be at least 32 characters.")]
    public string Pepper { get; set; } = "";

    /// <summary>How long a resolved key is served from memory; bounds how late a revocation reaches other instances.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an unknown key is remembered as unknown, so a flood of bad keys cannot hammer storage.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan NegativeCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    [Range(100, 10_000_000)]
    public int CacheMaxEntries { get; set; } = 100_000;

    /// <summary>The longest grace period a rotation may give the old secret.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00")]
    public TimeSpan MaxRotationGrace { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a key request waits for a decision before it expires.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan KeyRequestTtl { get; set; } = TimeSpan.FromDays(7);
}
