namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>One changed setting for an event's ChangesXML: its display name, internal name, type and old and new values.</summary>
public sealed record ChangedProperty(string Name, string Internal, string Type, string Old, string New);
