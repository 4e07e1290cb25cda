using Acceptance.Support.Configuration;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

/// <summary>The readings an external target hands out (stored files' folder, retry settings) are refused with a clear error when unusable.</summary>
public sealed class ExternalReadingsSettingsTests
{
    [Fact]
    public void A_storage_root_that_is_no_folder_here_is_refused()
    {
        var options = ValidExternal();
        options.External.StorageRoot = Path.Combine(Path.GetTempPath(), $"no-such-storage-{Guid.NewGuid():N}");
        SuiteOptionsLoader.Validate(options).Should().ContainSingle().Which.Should().Contain("StorageRoot").And.Contain("is not a folder");

        options.External.StorageRoot = Path.GetTempPath();
        SuiteOptionsLoader.Validate(options).Should().BeEmpty("an existing folder is a usable storage root");
    }

    [Fact]
    public void Retry_settings_come_as_a_pair_of_positive_numbers()
    {
        var options = ValidExternal();
        options.External.RetryWindowSeconds = 20;
        SuiteOptionsLoader.Validate(options).Should().ContainSingle().Which.Should().Contain("come together");

        options.External.BackoffMaxMs = 0;
        SuiteOptionsLoader.Validate(options).Should().ContainSingle().Which.Should().Contain("must be positive");

        options.External.BackoffMaxMs = 4000;
        SuiteOptionsLoader.Validate(options).Should().BeEmpty();
    }

    private static SuiteOptions ValidExternal()
    {
        var options = new SuiteOptions { Target = "external" };
        options.External.ApiUrl = "http://127.0.0.1:1";
        options.External.DatabaseConnectionString = "Host=127.0.0.1";
        options.External.JwtSigningKey = new string('k', 32);
        SuiteOptionsLoader.Validate(options).Should().BeEmpty("the base settings are valid");
        return options;
    }
}
