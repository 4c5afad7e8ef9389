using System.ComponentModel.DataAnnotations;

namespace Gatehouse.Configuration;

public sealed class ServerOptions
{
    public const int DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Largest request body accepted on <c>/v1</c> and <c>/admin</c>; larger bodies get 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Where Kestrel listens when not run by the Functions host (which sets its own port).</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:7071";
}
