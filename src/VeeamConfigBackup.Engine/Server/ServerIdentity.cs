namespace VeeamConfigBackup.Engine.Server;

/// <summary>Who a server is: its name (used in restore point names) and an id that never changes.</summary>
public sealed record ServerIdentity(Guid Id, string Name, DateTimeOffset CreatedUtc);
