using ApiServer.Data;
using Pipeline.Contract;

namespace ApiServer.Uploads;

/// <summary>What an upload of a document its user already has does to that document.</summary>
public interface IReuploadRule
{
    /// <summary>True when the upload puts the existing document back to work instead of only returning it.</summary>
    bool Restarts(UploadResult existing);
}

/// <summary>The production rule: a document that was set aside is the user asking for another try; any other is a duplicate.</summary>
public sealed class RestartSetAsideDocuments : IReuploadRule
{
    public bool Restarts(UploadResult existing) => existing.State == JobStates.Deadletter;
}
