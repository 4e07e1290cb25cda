using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Pipeline.Core.Queue;

/// <summary>
/// Wakes idle claim loops when a job becomes claimable: one connection LISTENs on the channel the
/// <c>upload_jobs_ready</c> trigger notifies (migration 003). A loop takes a <see cref="Ticket"/>
/// before it tries to claim and waits on it after finding nothing, so a notification that arrives
/// between the empty claim and the wait is not missed. While the listener is disconnected the
/// loops fall back to polling; it reconnects by itself.
/// </summary>
public sealed class JobReadySignal(NpgsqlDataSource db, ILogger<JobReadySignal> logger) : BackgroundService
{
    public const string Channel = "upload_jobs_ready";
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(15);
    private TaskCompletionSource _next = NewSource();

    /// <summary>True while notifications are being received; otherwise only polling finds work.</summary>
    public bool Listening { get; private set; }

    /// <summary>Completes at the first notification after it was taken.</summary>
    public Task Ticket => Volatile.Read(ref _next).Task;

    /// <summary>Waits for <paramref name="ticket"/> or <paramref name="timeout"/>; false when stopping.</summary>
    public static async Task<bool> WaitAsync(Task ticket, TimeSpan timeout, CancellationToken stopping)
    {
        try
        {
            await ticket.WaitAsync(timeout, stopping);
            return true;
        }
        catch (TimeoutException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var failures = 0; !stoppingToken.IsCancellationRequested; failures++)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                Listening = false;
                logger.LogWarning("Not listening for ready jobs ({Reason}); polling until reconnected", e.Message);
            }
            var delay = TimeSpan.FromMilliseconds(Math.Min(MaxReconnectDelay.TotalMilliseconds, 200 * Math.Pow(2, Math.Min(failures, 10))));
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        connection.Notification += (_, _) => Pulse();
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
        // Work may have arrived while we were not listening: let the loops look once.
        Pulse();
        Listening = true;
        logger.LogInformation("Listening for ready jobs on {Channel}", Channel);
        while (true)
        {
            if (await connection.WaitAsync(IdleCheck, ct)) continue;
            // Nothing for a while: make sure the connection is alive (a dead peer may never close it).
            await using var ping = new NpgsqlCommand("SELECT 1", connection);
            await ping.ExecuteScalarAsync(ct);
        }
    }

    /// <summary>Completes the current ticket and starts a new one.</summary>
    private void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
