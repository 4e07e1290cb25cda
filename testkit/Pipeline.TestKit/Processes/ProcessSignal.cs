namespace Pipeline.TestKit;

/// <summary>POSIX signals a test sends to a child process (Linux numbering).</summary>
public enum ProcessSignal
{
    Hangup = 1,
    Interrupt = 2,
    /// <summary>PostgreSQL's immediate shutdown; a core-dumping quit elsewhere.</summary>
    Quit = 3,
    /// <summary>Cannot be caught: the process dies at once (a crash).</summary>
    Kill = 9,
    /// <summary>Polite shutdown request; .NET hosts run their graceful shutdown.</summary>
    Terminate = 15,
    /// <summary>Resumes a stopped process.</summary>
    Continue = 18,
    /// <summary>Cannot be caught: freezes the process (a hang) until <see cref="Continue"/>.</summary>
    Stop = 19,
}
