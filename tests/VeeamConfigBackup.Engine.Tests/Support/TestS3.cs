using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>The test S3 gateway that tests/S3/cluster.sh starts (Ceph's RADOS Gateway, with Object Lock).</summary>
internal static class TestS3
{
    public static string? Endpoint => Environment.GetEnvironmentVariable("VBR_TEST_S3_ENDPOINT") is { Length: > 0 } e ? e : null;

    public static string AccessKey => Environment.GetEnvironmentVariable("VBR_TEST_S3_ACCESS_KEY") ?? "";

    public static string SecretKey => Environment.GetEnvironmentVariable("VBR_TEST_S3_SECRET_KEY") ?? "";

    public static bool Required => Environment.GetEnvironmentVariable("VBR_TEST_S3_REQUIRED") == "1";

    public static AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = Endpoint ?? throw new InvalidOperationException(S3FactAttribute.HowToRun),
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>A fresh bucket: locked objects can never be removed, so every test gets its own and leaves it with the cluster.</summary>
    public static string NewBucket(bool objectLock)
    {
        var name = $"vbr-test-{Guid.NewGuid():N}"[..40];
        using var client = Client();
        client.PutBucketAsync(new PutBucketRequest { BucketName = name, ObjectLockEnabledForBucket = objectLock }).GetAwaiter().GetResult();
        return name;
    }

    public static List<S3ObjectVersion> Versions(string bucket)
    {
        using var client = Client();
        return client.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket }).GetAwaiter().GetResult().Versions ?? [];
    }

    public static List<MultipartUpload> Uploads(string bucket)
    {
        using var client = Client();
        return client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket }).GetAwaiter().GetResult().MultipartUploads ?? [];
    }
}

/// <summary>A test that needs the S3 gateway: skipped with how to run it, never skipped where it is required (CI).</summary>
public sealed class S3FactAttribute : FactAttribute
{
    public const string HowToRun =
        "No S3 gateway for the tests (VBR_TEST_S3_ENDPOINT is not set). CI starts one; to run these tests here, install Debian's " +
        "radosgw, ceph-mon and ceph-osd, run `eval \"$(tests/S3/cluster.sh start)\"` and then the test command.";

    public S3FactAttribute()
    {
        if (TestS3.Endpoint is null && !TestS3.Required)
        {
            Skip = HowToRun;
        }
    }
}
