namespace VeeamConfigBackup.Engine.Storage;

/// <summary>
/// A restore point where a repository keeps it. <see cref="Id"/> is how the module names it to people and takes it
/// back: the full path of a file, or <c>s3://bucket/key</c> of an object.
/// </summary>
public sealed record StoredRestorePoint(string Id, string Name, long SizeBytes, DateTimeOffset? ImmutableUntilUtc);
