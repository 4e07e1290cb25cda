namespace ApiServer.Uploads;

/// <summary>
/// The uploaded file could not be written to the document storage (disk full, folder missing, unwritable
/// or not a folder): a server-side outage, answered 503 <c>storage-unavailable</c>, never bad input.
/// </summary>
public sealed class StorageUnavailableException(Exception inner)
    : Exception($"The document storage cannot be written: {inner.Message}", inner);
