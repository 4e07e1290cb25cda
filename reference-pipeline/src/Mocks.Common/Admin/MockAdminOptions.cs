namespace Mocks.Common.Admin;

/// <summary>Settings bound from the <c>MockAdmin</c> section (env vars <c>MockAdmin__*</c>).</summary>
public sealed class MockAdminOptions
{
    public const string Section = "MockAdmin";

    /// <summary>
    /// Lets callers that are not on loopback use the admin API, e.g. a test driver reaching a mock in
    /// a container through a published port. Off by default: the admin API changes the mock's behaviour.
    /// </summary>
    public bool AllowRemote { get; set; }
}
