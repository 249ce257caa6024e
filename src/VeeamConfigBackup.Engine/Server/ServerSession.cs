namespace VeeamConfigBackup.Engine.Server;

/// <summary>A description of the server a session is connected to, for display.</summary>
public sealed class ServerSession
{
    public required string ServerName { get; init; }

    public required Guid ServerId { get; init; }

    public required string HomePath { get; init; }

    public required string DatabaseEngine { get; init; }

    public required string DatabaseLocation { get; init; }

    public required int SchemaVersion { get; init; }

    public required DateTimeOffset ConnectedUtc { get; init; }

    /// <summary>True when no home was chosen and the default one is in use.</summary>
    public required bool IsDefaultHome { get; init; }
}
