using FluentAssertions;
using Pipeline.Core.Storage;
using Xunit;

namespace Pipeline.Core.Tests;

public sealed class DocumentStorageTests
{
    [Fact]
    public void Staged_uploads_left_by_a_crash_are_removed_and_uploads_still_arriving_are_kept()
    {
        var root = Directory.CreateTempSubdirectory("storage-").FullName;
        try
        {
            var storage = new DocumentStorage(root);
            var abandoned = storage.NewStagingPath();
            var arriving = storage.NewStagingPath();
            File.WriteAllText(abandoned, "half an upload");
            File.WriteAllText(arriving, "an upload still arriving");
            File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-2));

            storage.RemoveAbandonedUploads(TimeSpan.FromHours(1)).Should().Be(1);

            File.Exists(abandoned).Should().BeFalse("nobody wrote to it for two hours");
            File.Exists(arriving).Should().BeTrue("it is still being written");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
