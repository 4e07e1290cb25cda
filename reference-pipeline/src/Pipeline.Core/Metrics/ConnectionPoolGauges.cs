using System.Diagnostics.Metrics;
using Prometheus;
using Pipeline.Contract;

namespace Pipeline.Core.Metrics;

/// <summary>
/// The Npgsql connection pool as Prometheus gauges, read from the meter Npgsql publishes
/// (meter "Npgsql": db.client.connection.count by db.client.connection.state, db.client.connection.max,
/// db.client.connection.npgsql.pending_requests; Npgsql docs, "Metrics") on every scrape.
/// Summed over the process's data sources.
/// </summary>
public sealed class ConnectionPoolGauges : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Gauge _connections;
    private readonly Gauge _max;
    private readonly Gauge _pending;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _byState = [];
    private double _maxSeen;
    private double _pendingNow;

    public ConnectionPoolGauges(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _connections = factory.CreateGauge(MetricNames.DbPoolConnections, "Database connections in the pool by state (idle, used).", "state");
        _max = factory.CreateGauge(MetricNames.DbPoolMaxConnections, "The pool's connection limit.");
        _pending = factory.CreateGauge(MetricNames.DbPoolPendingRequests, "Requests waiting for a pooled connection.");

        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name.StartsWith("db.client.connection", StringComparison.Ordinal))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.Start();
        registry.AddBeforeCollectCallback(Refresh);
    }

    private void Refresh()
    {
        lock (_gate)
        {
            foreach (var state in _byState.Keys) _byState[state] = 0;
            _maxSeen = 0;
            _listener.RecordObservableInstruments();
            foreach (var (state, count) in _byState) _connections.WithLabels(state).Set(count);
            _max.Set(_maxSeen);
            _pending.Set(_pendingNow);
        }
    }

    private void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_gate)
        {
            switch (instrument)
            {
                case "db.client.connection.count":
                    var state = "unknown";
                    foreach (var tag in tags)
                        if (tag.Key == "db.client.connection.state") state = tag.Value?.ToString() ?? state;
                    _byState[state] = _byState.GetValueOrDefault(state) + value;
                    break;
                case "db.client.connection.max":
                    _maxSeen += value;
                    break;
                case "db.client.connection.npgsql.pending_requests":
                    _pendingNow += value; // an up-down counter: each measurement is a change
                    break;
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
