using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Storage;

/// <summary>
/// Restore points as objects in an S3-compatible bucket, under <c>&lt;folder&gt;/VeeamConfigBackup/&lt;server&gt;/</c>. A point is
/// uploaded in bounded parts (memory stays flat) and appears only when its multipart upload completes; a failed or
/// stopped run aborts the upload. With an immutability period, each point gets COMPLIANCE-mode Object Lock retention
/// before the run reports it; an expired point is deleted by version, not hidden behind a delete marker.
/// </summary>
public sealed class S3RestorePointStore : IRestorePointStore
{
    /// <summary>Bytes of one uploaded part: the one buffer a run holds (S3 wants at least 5 MiB but for the last part).</summary>
    public const int PartSize = 8 * 1024 * 1024;

    /// <summary>What a listing reads of each point: the prefix, the largest header allowed, the hash and the MAC.</summary>
    public const int HeaderBytes = 8 + 2 + 4 + 65_536 + 64;

    /// <summary>
    /// How old an unfinished upload must be before a run aborts it: another home of the same server name may be
    /// uploading into the same folder right now. Unfinished uploads are never visible, only kept.
    /// </summary>
    public static readonly TimeSpan AbandonedUploadAge = TimeSpan.FromHours(6);

    private readonly AmazonS3Client _client;
    private readonly S3Location _where;
    private readonly int _immutabilityDays;

    /// <param name="where">The bucket and folder.</param>
    /// <param name="accessKey">The access key.</param>
    /// <param name="secretKey">The secret key; held by the SDK client only.</param>
    /// <param name="immutabilityDays">The repository's Object Lock period, so that a point a killed run left unlocked is locked by the next (0: none).</param>
    public S3RestorePointStore(S3Location where, string accessKey, string secretKey, int immutabilityDays = 0)
    {
        _where = where;
        _immutabilityDays = immutabilityDays;
        var config = new AmazonS3Config
        {
            ServiceURL = where.ServiceEndpoint,
            ForcePathStyle = where.ForcePathStyle,
            AuthenticationRegion = where.Region ?? "us-east-1",
            // The 4.x defaults add checksums that S3-compatible services of other makers refuse (Ceph: XAmzContentSHA256Mismatch).
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            // Bounded: a few retries with the SDK's exponential back-off, and no request waits for ever.
            MaxErrorRetry = 3,
            Timeout = TimeSpan.FromSeconds(15),
        };
        _client = new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey), config);
    }

    public string Location => _where.Describe();

    /// <summary>Proves the bucket is there and the keys open it; with <paramref name="needsObjectLock"/>, that Object Lock is on.</summary>
    public void Verify(bool needsObjectLock)
    {
        Run(() => _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _where.Bucket, Prefix = _where.Root, MaxKeys = 1 }));
        if (!needsObjectLock)
        {
            return;
        }
        GetObjectLockConfigurationResponse? lockConfig = null;
        try
        {
            lockConfig = Run(() => _client.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = _where.Bucket }));
        }
        catch (ConfigBackupException ex) when (ex.InnerException is AmazonS3Exception { ErrorCode: "ObjectLockConfigurationNotFoundError" })
        {
        }
        if (lockConfig?.ObjectLockConfiguration?.ObjectLockEnabled != ObjectLockEnabled.Enabled)
        {
            throw new ConfigBackupException("ObjectLockNotEnabled", ErrorKind.InvalidOperation,
                $"The bucket '{_where.Bucket}' at {_where.ServiceEndpoint} does not have Object Lock enabled, so its restore points could not be made immutable. Nothing was registered.")
            {
                RecommendedAction = "Use a bucket created with Object Lock enabled (it cannot be turned on later on most services), or leave out -ImmutabilityPeriod.",
            };
        }
    }

    private string Prefix(string serverName) => _where.Root + serverName + "/";

    public void Prepare(string serverName)
    {
        // Multipart uploads of killed runs hold parts but are invisible; abort this server folder's abandoned ones.
        var uploads = Run(() => _client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _where.Bucket, Prefix = Prefix(serverName) }));
        foreach (var upload in (uploads.MultipartUploads ?? []).Where(u => u.Initiated is { } at && DateTime.UtcNow - at.ToUniversalTime() > AbandonedUploadAge))
        {
            Run(() => _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _where.Bucket, Key = upload.Key, UploadId = upload.UploadId }));
        }
        if (_immutabilityDays > 0)
        {
            // A run killed between its upload's completion and its retention left an unlocked point: lock it now, for the
            // period from when it was stored (its creation, give or take the upload).
            foreach (var point in List(serverName).Where(p => p.ImmutableUntilUtc is null))
            {
                var key = _where.KeyOf(point.Id)!;
                var head = Run(() => _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _where.Bucket, Key = key }));
                var until = head.LastModified is { } stored ? stored.ToUniversalTime().AddDays(_immutabilityDays) : DateTime.UtcNow.AddDays(_immutabilityDays);
                if (until > DateTime.UtcNow)
                {
                    Run(() => _client.PutObjectRetentionAsync(new PutObjectRetentionRequest
                    {
                        BucketName = _where.Bucket, Key = key, VersionId = head.VersionId,
                        Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Compliance, RetainUntilDate = until },
                    }));
                }
            }
        }
    }

    public bool Exists(string serverName, string fileName) => Find(_where.IdOf(Prefix(serverName) + fileName)) is not null;

    public IPendingRestorePoint Create(string serverName, string fileName, DateTimeOffset? immutableUntilUtc) =>
        new PendingUpload(this, Prefix(serverName) + fileName, immutableUntilUtc);

    public IReadOnlyList<StoredRestorePoint> List(string? serverName)
    {
        var prefix = serverName is null ? _where.Root : Prefix(serverName);
        var points = new List<StoredRestorePoint>();
        string? token = null;
        do
        {
            var page = Run(() => _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _where.Bucket, Prefix = prefix, ContinuationToken = token }));
            foreach (var o in page.S3Objects ?? [])
            {
                if (o.Key.EndsWith(RestorePointFolder.Extension, StringComparison.Ordinal) && (serverName is null || !o.Key[prefix.Length..].Contains('/')))
                {
                    points.Add(new StoredRestorePoint(_where.IdOf(o.Key), o.Key[(o.Key.LastIndexOf('/') + 1)..], o.Size ?? 0, RetainUntil(o.Key, versionId: null)));
                }
            }
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return points;
    }

    public StoredRestorePoint? Find(string id)
    {
        if (_where.KeyOf(id) is not { } key)
        {
            return null;
        }
        try
        {
            var head = Run(() => _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _where.Bucket, Key = key }));
            return new StoredRestorePoint(id, key[(key.LastIndexOf('/') + 1)..], head.ContentLength, UntilOf(head));
        }
        catch (ConfigBackupException ex) when (ex.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.NotFound })
        {
            return null;
        }
    }

    public Stream OpenRead(StoredRestorePoint point) => Open(point, range: null);

    public Stream OpenHeader(StoredRestorePoint point) => Open(point, new ByteRange(0, Math.Min(point.SizeBytes, HeaderBytes) - 1));

    private Stream Open(StoredRestorePoint point, ByteRange? range)
    {
        var key = _where.KeyOf(point.Id) ?? throw new ArgumentException("Not a point of this repository.", nameof(point));
        var response = Run(() => _client.GetObjectAsync(new GetObjectRequest { BucketName = _where.Bucket, Key = key, ByteRange = range }));
        return new S3ReadStream(response, _where);
    }

    public void Delete(StoredRestorePoint point, DateTimeOffset nowUtc)
    {
        var key = _where.KeyOf(point.Id) ?? throw new ArgumentException("Not a point of this repository.", nameof(point));
        var head = Run(() => _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _where.Bucket, Key = key }));
        if (UntilOf(head) is { } until && until > nowUtc)
        {
            throw new RestorePointImmutableException(point.Id, until);
        }
        // By version: a delete without one only adds a delete marker, and the data would stay (and stay billed).
        Run(() => _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _where.Bucket, Key = key, VersionId = head.VersionId }));
    }

    private DateTimeOffset? RetainUntil(string key, string? versionId)
    {
        try
        {
            var retention = Run(() => _client.GetObjectRetentionAsync(new GetObjectRetentionRequest { BucketName = _where.Bucket, Key = key, VersionId = versionId }));
            return retention.Retention?.RetainUntilDate is { } until ? new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc)) : null;
        }
        catch (ConfigBackupException ex) when (ex.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.NotFound or HttpStatusCode.BadRequest })
        {
            return null; // no retention on it, or none on the bucket
        }
    }

    private static DateTimeOffset? UntilOf(GetObjectMetadataResponse head) =>
        head.ObjectLockRetainUntilDate is { } until && head.ObjectLockMode is not null ? new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc)) : null;

    /// <summary>Runs one SDK call to its end (the SDK has only asynchronous calls on .NET), with its failures translated.</summary>
    internal T Run<T>(Func<Task<T>> call)
    {
        try
        {
            return call().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (S3Failures.IsS3Failure(ex))
        {
            throw S3Failures.Translate(ex, _where);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>An upload in progress: parts of <see cref="PartSize"/> go up as they fill; nothing is visible before Commit.</summary>
    private sealed class PendingUpload : IPendingRestorePoint
    {
        private readonly S3RestorePointStore _store;
        private readonly string _key;
        private readonly DateTimeOffset? _immutableUntil;
        private readonly S3UploadStream _content;
        private bool _committed;

        public PendingUpload(S3RestorePointStore store, string key, DateTimeOffset? immutableUntil)
        {
            _store = store;
            _key = key;
            _immutableUntil = immutableUntil;
            var uploadId = store.Run(() => store._client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = store._where.Bucket, Key = key })).UploadId;
            _content = new S3UploadStream(part => store.Run(() => store._client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = store._where.Bucket, Key = key, UploadId = uploadId, PartNumber = part.Number, InputStream = new MemoryStream(part.Bytes, 0, part.Length, writable: false),
            })).ETag, uploadId);
        }

        public Stream Content => _content;

        public StoredRestorePoint Commit()
        {
            var parts = _content.Finish();
            var completed = _store.Run(() => _store._client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _store._where.Bucket, Key = _key, UploadId = _content.UploadId, PartETags = parts,
            }));
            _committed = true;
            var id = _store._where.IdOf(_key);
            if (_immutableUntil is { } until)
            {
                try
                {
                    _store.Run(() => _store._client.PutObjectRetentionAsync(new PutObjectRetentionRequest
                    {
                        BucketName = _store._where.Bucket, Key = _key, VersionId = completed.VersionId,
                        Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Compliance, RetainUntilDate = until.UtcDateTime },
                    }));
                }
                catch (ConfigBackupException ex)
                {
                    // Never locked, so it may go (by version): the repository keeps no point that can be deleted.
                    var deleted = true;
                    try
                    {
                        _store.Run(() => _store._client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _store._where.Bucket, Key = _key, VersionId = completed.VersionId }));
                    }
                    catch (ConfigBackupException)
                    {
                        deleted = false;
                    }
                    throw new ImmutabilityNotSupportedException(_store.Location,
                        $"the object storage refused its Object Lock retention ({ex.Message})" + (deleted ? "" : $"; the unlocked object '{id}' could not be deleted either, and the next run locks it"), ex,
                        "Check that the bucket has Object Lock enabled and that the user may set object retention (s3:PutObjectRetention).");
                }
            }
            return new StoredRestorePoint(id, _key[(_key.LastIndexOf('/') + 1)..], _content.Length, _immutableUntil);
        }

        public void Dispose()
        {
            if (!_committed)
            {
                try
                {
                    _store.Run(() => _store._client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _store._where.Bucket, Key = _key, UploadId = _content.UploadId }));
                }
                catch (ConfigBackupException)
                {
                    // The next run's Prepare aborts what is left; an unfinished upload is never visible.
                }
            }
        }
    }
}
