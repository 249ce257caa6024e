namespace VeeamConfigBackup.Engine.Storage;

/// <summary>Where an S3-compatible repository keeps restore points: a bucket, and a folder (key prefix) in it.</summary>
public sealed record S3Location(string ServiceEndpoint, string Bucket, string Folder, string? Region, bool ForcePathStyle)
{
    /// <summary>The key prefix of the server folders: <c>&lt;folder&gt;/VeeamConfigBackup/</c>.</summary>
    public string Root => (Folder.Trim('/') is { Length: > 0 } f ? f + "/" : "") + RestorePointFolder.Name + "/";

    public string Describe() => $"s3://{Bucket}/{Folder.Trim('/')}";

    public string IdOf(string key) => $"s3://{Bucket}/{key}";

    /// <summary>The key of an id this location made, or null for an id of another bucket.</summary>
    public string? KeyOf(string id) => id.StartsWith($"s3://{Bucket}/", StringComparison.Ordinal) ? id[$"s3://{Bucket}/".Length..] : null;
}
