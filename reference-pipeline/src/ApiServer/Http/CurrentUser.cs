using System.Security.Claims;

namespace ApiServer.Http;

/// <summary>The caller is the JWT's <c>sub</c>; tokens without one are refused at authentication.</summary>
public static class CurrentUser
{
    public const string SubjectClaim = "sub";

    public static string Id(ClaimsPrincipal principal) =>
        principal.FindFirstValue(SubjectClaim) ?? throw new InvalidOperationException("Authenticated principal without 'sub'.");
}
