using Acceptance.Support.Configuration;

namespace PipelineByHand;

/// <summary>
/// The running pipeline as the suite's external target sees it: one `export` line per ACCEPTANCE__EXTERNAL__* setting,
/// in names a POSIX shell accepts (service names as SHELL_SAFE keys, which the settings loader maps back), so
/// <c>eval "$(scripts/pipeline.sh env)"</c> points a gate at it, with scripts/pipeline.sh's verbs as its control and backup commands.
/// </summary>
public static class ExternalTargetSettings
{
    private const string Prefix = "ACCEPTANCE__EXTERNAL__";

    /// <summary>The verbs scripts/pipeline.sh offers per service, as the command controller's setting names.</summary>
    private static readonly (string Setting, string Verb)[] ServiceVerbs =
        [
            ("STOP", "stop <service>"), ("START", "start <service>"), ("STARTWITH", "start <service> --with"), ("KILL", "kill <service>"),
            ("PAUSE", "pause <service>"), ("RESUME", "resume <service>"), ("STATUS", "status <service>"), ("LOGS", "logs <service>"),
        ];

    /// <summary>The database server takes no pause and writes no service log the suite reads.</summary>
    private static readonly string[] DatabaseVerbs = ["STOP", "START", "KILL", "STATUS", "LOGS"];

    /// <summary>The backup verbs scripts/pipeline.sh offers on the whole pipeline, as the backup drill's setting names.</summary>
    private static readonly (string Setting, string Verb)[] BackupVerbs =
        [
            (nameof(BackupCommands.Enable), "backup enable"), (nameof(BackupCommands.Base), "backup base"),
            (nameof(BackupCommands.LoseData), "lose-data"), (nameof(BackupCommands.Restore), "restore"),
            (nameof(BackupCommands.RestoreTo), $"restore --to {BackupCommands.TimePlaceholder}"),
        ];

    public static IEnumerable<string> Exports(PipelineState state, string script, string stateDirectory)
    {
        yield return Export("APIURL", state.ApiUrl);
        yield return Export("DATABASECONNECTIONSTRING", state.DatabaseConnectionString);
        yield return Export("JWTSIGNINGKEY", state.Tokens.SigningKey);
        yield return Export("JWTISSUER", state.Tokens.Issuer);
        yield return Export("JWTAUDIENCE", state.Tokens.Audience);
        yield return Export("MOCKOPENAIURL", state.MockOpenAiUrl);
        yield return Export("MOCKLLAMAPARSEURL", state.MockLlamaParseUrl);
        foreach (var (service, url) in state.MetricsUrls.OrderBy(m => m.Key, StringComparer.Ordinal))
            yield return Export($"METRICSURLS__{ServiceNames.ToSetting(service)}", url);
        yield return Export("STORAGEROOT", state.StorageRoot);
        yield return Export("RETRYWINDOWSECONDS", Whole(state.Retry.Window.TotalSeconds));
        yield return Export("BACKOFFMAXMS", Whole(state.Retry.LongestBackoff.TotalMilliseconds));
        // The operator's own shell; the suite's reports mask every setting whose name says key.
        foreach (var (provider, key) in state.ProviderKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
            yield return Export($"PROVIDERKEYS__{provider.ToUpperInvariant()}", key);
        var control = $"PIPELINE_STATE_DIR={QuoteIfNeeded(stateDirectory)} {QuoteIfNeeded(script)}";
        foreach (var service in state.ProcessIds.Keys.Order(StringComparer.Ordinal))
            foreach (var (setting, verb) in ServiceVerbs)
                if (service != ServiceNames.Database || DatabaseVerbs.Contains(setting))
                    yield return Export($"CONTROL__SERVICES__{ServiceNames.ToSetting(service)}__{setting}", $"{control} {verb.Replace("<service>", service, StringComparison.Ordinal)}");
        foreach (var (setting, verb) in BackupVerbs)
            yield return Export($"CONTROL__BACKUP__{setting.ToUpperInvariant()}", $"{control} {verb}");
        yield return Export("CONTROL__SCALE", $"{control} scale {ControlOptions.CountPlaceholder}");
    }

    private static string Whole(double value) => ((long)Math.Round(value)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Export(string name, string value) => $"export {Prefix}{name}={Quote(value)}";

    /// <summary>Single quotes keep every character as it is; a quote inside is closed, escaped and reopened.</summary>
    private static string QuoteIfNeeded(string word) => word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+:@%,=".Contains(c)) ? word : Quote(word);

    private static string Quote(string value) => "'" + value.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
}
