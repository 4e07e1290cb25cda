namespace Pipeline.TestKit;

/// <summary>What to run as a child process and how to reach it.</summary>
public sealed record ServiceProcessOptions
{
    /// <summary>Service name used in messages, e.g. <c>api-server</c> or <c>base-worker-2</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Program to run, e.g. <c>dotnet</c> or <c>/bin/sh</c>.</summary>
    public required string FileName { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Variables added to (or, with a null value, removed from) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>File receiving every stdout and stderr line (appended across restarts). Null: a temp file.</summary>
    public string? LogFile { get; init; }

    public string? WorkingDirectory { get; init; }

    /// <summary>Loopback port for the service. Null: a free port, kept across restarts.</summary>
    public int? Port { get; init; }

    /// <summary>Sets <c>Urls=http://127.0.0.1:&lt;port&gt;</c> so an ASP.NET Core service listens there.</summary>
    public bool SetUrls { get; init; } = true;

    /// <summary>How many recent lines stay in memory for waits and failure messages.</summary>
    public int LogBufferLines { get; init; } = 5000;
}
