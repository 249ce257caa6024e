namespace VeeamConfigBackup.Engine.Storage;

/// <summary>Where an S3-compatible repository keeps restore points: a bucket, and a folder (key prefix) in it.</summary>
public sealed record S3Location(string ServiceEndpoint, string Bucket, string Folder, string? Region, bool ForcePathStyle)
{
    /// <summary>The key prefix of the server folders: <c>&lt;folder&gt;/VeeamConfigBackup/</c>.</summary>
    public string Root => (Folder.Trim('/') is { Length: > 0 } f ? f + "/" : "") + RestorePointFolder.Name + "/";

    public string Describe() => $"s3://{Bucket}/{Folder.Trim('/')}";

    public string IdOf(string key) => $"s3://{Bucket}/{key}";

    /// <summary>
    /// The key of a restore point id this location made, or null for anything else: another bucket, a key outside this
    /// repository's <c>VeeamConfigBackup</c> folder, or an object that is not a restore point (*.bco). Nothing else is
    /// ever read or deleted through the repository.
    /// </summary>
    public string? KeyOf(string id) =>
        id.StartsWith($"s3://{Bucket}/{Root}", StringComparison.Ordinal) && id.EndsWith(RestorePointFolder.Extension, StringComparison.Ordinal) && !id.Contains("/../", StringComparison.Ordinal)
            ? id[$"s3://{Bucket}/".Length..] : null;
}
