using System.Security.Claims;

namespace ApiServer.Http;

/// <summary>
/// Operators are the people who run the pipeline (on call, support). The identity provider marks them
/// with a <c>role</c> claim of <see cref="Name"/> in the same signed bearer token users have.
/// </summary>
public static class OperatorRole
{
    public const string ClaimType = "role";
    public const string Name = "pipeline-operator";

    public static bool IsHeldBy(ClaimsPrincipal principal) =>
        principal.FindAll(ClaimType).Any(claim => string.Equals(claim.Value, Name, StringComparison.Ordinal));
}
