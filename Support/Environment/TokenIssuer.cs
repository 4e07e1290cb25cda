using Pipeline.TestKit;

namespace Acceptance.Support.Environment;

/// <summary>Mints short-lived HS256 tokens for a user, as the pipeline's identity provider would.</summary>
public sealed class TokenIssuer(string signingKey, string issuer, string audience)
{
    /// <summary>How long a minted token is accepted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public string For(string userId) => JwtTokens.Mint(userId, issuer, audience, signingKey, Lifetime);
}
