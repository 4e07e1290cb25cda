using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Pipeline.TestKit;

/// <summary>Mints HS256 bearer tokens the way the api-server validates them (user = <c>sub</c>).</summary>
public static class JwtTokens
{
    /// <summary>A signed token for <paramref name="subject"/>, valid from now for <paramref name="lifetime"/>.</summary>
    /// <param name="signingKey">UTF-8 key; HS256 needs at least 32 bytes.</param>
    /// <param name="extraClaims">More claims, e.g. <c>role</c> for an operator.</param>
    public static string Mint(string subject, string issuer, string audience, string signingKey, TimeSpan lifetime,
        DateTimeOffset? now = null, IEnumerable<Claim>? extraClaims = null)
    {
        var keyBytes = Encoding.UTF8.GetBytes(signingKey);
        if (keyBytes.Length < 32)
            throw new ArgumentException("HS256 signing keys must be at least 32 bytes (256 bits).", nameof(signingKey));

        var issuedAt = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, subject), .. extraClaims ?? []]),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(keyBytes), SecurityAlgorithms.HmacSha256),
        };
        var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.WriteToken(handler.CreateJwtSecurityToken(descriptor));
    }
}
