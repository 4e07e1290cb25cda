using Pipeline.TestKit;

namespace Acceptance.Support.Configuration;

/// <summary>What is wrong with the Load section, one message per value, naming its variable.</summary>
public static class LoadOptionsValidation
{
    public static IEnumerable<string> Problems(LoadOptions load)
    {
        if (load.Profile is not ("open" or "phase4"))
            yield return $"Acceptance:Load:Profile is '{load.Profile}'; use 'open' (arrivals at a rate) or 'phase4' (5 concurrent uploads for 300 s) (ACCEPTANCE__LOAD__PROFILE).";
        if (load.ArrivalsPerSecond is <= 0 or > 100)
            yield return "Acceptance:Load:ArrivalsPerSecond must be above 0 and at most 100 (ACCEPTANCE__LOAD__ARRIVALSPERSECOND).";
        if (load.DurationSeconds < 1 || load.WarmupSeconds < 0)
            yield return "Acceptance:Load:DurationSeconds must be at least 1 and WarmupSeconds not negative (ACCEPTANCE__LOAD__DURATIONSECONDS, ...WARMUPSECONDS).";
        if (load.WindowSeconds < 1 || load.WindowSeconds * 2 > Math.Max(load.DurationSeconds, 2))
            yield return "Acceptance:Load:WindowSeconds must be at least 1 and at most half of DurationSeconds, so a load has two windows to compare.";
        if (load.ConcurrentUploads < 1 || load.SampleMilliseconds < 50 || load.DrainSeconds < 1)
            yield return "Acceptance:Load:ConcurrentUploads and DrainSeconds must be at least 1, SampleMilliseconds at least 50.";
        foreach (var name in load.Documents.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!TestDocuments.Names.Contains(name))
                yield return $"Acceptance:Load:Documents names '{name}', which is not a test document; known: {string.Join(", ", TestDocuments.Names)}.";
    }
}
