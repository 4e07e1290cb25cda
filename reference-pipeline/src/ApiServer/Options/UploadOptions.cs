using System.ComponentModel.DataAnnotations;

namespace ApiServer.Options;

/// <summary>Upload limits (<c>Upload__MaxBytes</c>).</summary>
public sealed class UploadOptions
{
    public const string Section = "Upload";

    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>Room for multipart boundaries and part headers on top of the file itself.</summary>
    public const long MultipartOverheadBytes = 64 * 1024;

    [Range(1, long.MaxValue, ErrorMessage = "Upload__MaxBytes must be a positive number of bytes.")]
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>How many times the file limit a request may be before Kestrel cuts the connection.</summary>
    public const int HardCeilingFactor = 4;

    /// <summary>
    /// The request body ceiling Kestrel enforces. Bodies between the file limit and this ceiling are
    /// read to the end and answered 413 file-too-large; only absurd ones get the connection cut.
    /// </summary>
    public long MaxRequestBytes => MaxBytes * HardCeilingFactor + MultipartOverheadBytes;
}
