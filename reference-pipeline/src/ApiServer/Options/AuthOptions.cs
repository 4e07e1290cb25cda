using System.ComponentModel.DataAnnotations;
using System.Text;

namespace ApiServer.Options;

/// <summary>HS256 JWT validation (<c>Auth__SigningKey</c>, <c>Auth__Issuer</c>, <c>Auth__Audience</c>).</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>Below 256 bits an HMAC-SHA256 key can be brute-forced; the JWT library refuses it too.</summary>
    public const int MinimumKeyBytes = 32;

    [Required(ErrorMessage = "Auth__SigningKey is required (HS256 key, at least 32 bytes).")]
    public string SigningKey { get; set; } = "";

    [Required(ErrorMessage = "Auth__Issuer is required (the JWT 'iss' the api-server accepts).")]
    public string Issuer { get; set; } = "";

    [Required(ErrorMessage = "Auth__Audience is required (the JWT 'aud' the api-server accepts).")]
    public string Audience { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Encoding.UTF8.GetByteCount(SigningKey) < MinimumKeyBytes)
        {
            yield return new ValidationResult(
                $"Auth__SigningKey must be at least {MinimumKeyBytes} bytes long.", [nameof(SigningKey)]);
        }
    }
}
