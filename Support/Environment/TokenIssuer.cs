using Pipeline.TestKit;

namespace Acceptance.Support.Environment;

/// <summary>Mints short-lived HS256 tokens for a user, as the pipeline's identity provider would.</summary>
public sealed class TokenIssuer(string signingKey, string issuer, string audience)
{
    public string For(string userId) => JwtTokens.Mint(userId, issuer, audience, signingKey, TimeSpan.FromMinutes(30));
}
