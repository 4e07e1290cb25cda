using System.Security.Cryptography;
using System.Text;
using Gherkin.CucumberMessages;

namespace Reqnroll.XunitV3Runner.Gherkin;

/// <summary>Identifiers that depend only on their inputs, so test identities survive rebuilds and reruns.</summary>
internal static class StableIds
{
    public static string Hash(string text, int hexLength = 32) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..hexLength];

    public static Guid GuidFor(string text)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version-5 style marker: name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}

/// <summary>
/// Cucumber message ids for one feature file: unique across the whole run (the feature path is
/// part of the seed) and identical between runs, unlike Gherkin's incrementing generator.
/// </summary>
internal sealed class FeatureScopedIdGenerator(string featurePath) : IIdGenerator
{
    private int _next;

    public string GetNewId() => StableIds.GuidFor($"{featurePath}#{_next++}").ToString();
}
