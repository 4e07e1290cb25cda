using System.Security.Claims;
using System.Text;
using Pipeline.TestKit;

namespace Acceptance.Support.Environment;

/// <summary>Mints short-lived HS256 tokens for a user, as the pipeline's identity provider would.</summary>
public sealed class TokenIssuer(string signingKey, string issuer, string audience)
{
    /// <summary>How long a minted token is accepted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>What another process needs to mint tokens the same pipeline accepts (scripts/pipeline.sh token).</summary>
    public TokenSettings Settings => new(signingKey, issuer, audience);

    /// <summary>The role claim the api-server requires for operator routes (requeue).</summary>
    public const string OperatorRole = "pipeline-operator";

    private readonly System.Collections.Concurrent.ConcurrentBag<string> _issued = [];

    /// <summary>Every valid token this issuer handed out in the run: none may ever appear in a log.</summary>
    public IReadOnlyCollection<string> Issued => _issued;

    public string For(string userId) => Remember(JwtTokens.Mint(userId, issuer, audience, signingKey, Lifetime));

    /// <summary>A token for an operator: the user's token plus the operator role claim.</summary>
    public string ForOperator(string userId) =>
        Remember(JwtTokens.Mint(userId, issuer, audience, signingKey, Lifetime, extraClaims: [new Claim("role", OperatorRole)]));

    private string Remember(string token)
    {
        _issued.Add(token);
        return token;
    }

    // Tokens an attacker or a broken client sends; the API must refuse each as unauthorized.
    public string Expired(string userId) =>
        JwtTokens.Mint(userId, issuer, audience, signingKey, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-2));

    public string Forged(string userId) =>
        JwtTokens.Mint(userId, issuer, audience, "an-attackers-own-signing-key-0123456789abcdef", TimeSpan.FromMinutes(30));

    public string ForAudience(string userId, string otherAudience) =>
        JwtTokens.Mint(userId, issuer, otherAudience, signingKey, TimeSpan.FromMinutes(30));

    public string FromIssuer(string userId, string otherIssuer) =>
        JwtTokens.Mint(userId, otherIssuer, audience, signingKey, TimeSpan.FromMinutes(30));

    public string WithoutSubject() => JwtTokens.Mint("", issuer, audience, signingKey, TimeSpan.FromMinutes(30));

    /// <summary>The "alg":"none" trick: a well-formed token with no signature at all.</summary>
    public string Unsigned(string userId)
    {
        var expires = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds();
        return $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{Base64Url($$"""{"sub":"{{userId}}","iss":"{{issuer}}","aud":"{{audience}}","exp":{{expires}}}""")}.";
    }

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>An HS256 key with the issuer and audience the pipeline expects; the key is a secret.</summary>
public sealed record TokenSettings(string SigningKey, string Issuer, string Audience)
{
    /// <summary>Never print the key, even by accident.</summary>
    public override string ToString() => $"TokenSettings(Issuer: {Issuer}, Audience: {Audience})";
}
