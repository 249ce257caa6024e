using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Storage;

/// <summary>
/// What the S3 client throws, as the module's errors with stable ids. Messages name the endpoint and the bucket,
/// never a key: the SDK's own messages can quote a request, so only the service's error code is repeated.
/// </summary>
internal static class S3Failures
{
    /// <summary>What the SDK throws for the service, the network or a request that timed out (TimeoutException, a cancelled task).</summary>
    public static bool IsS3Failure(Exception ex) => ex is AmazonServiceException or AmazonClientException or HttpRequestException or TaskCanceledException or TimeoutException or IOException;

    public static ConfigBackupException Translate(Exception ex, S3Location where) => ex switch
    {
        ConfigBackupException known => known,
        AmazonS3Exception { ErrorCode: "NoSuchBucket" } => new("S3BucketNotFound", ErrorKind.NotFound,
            $"The bucket '{where.Bucket}' does not exist at {where.ServiceEndpoint}.", ex)
            { RecommendedAction = "Create the bucket first (with Object Lock for an immutability period), or give the name of an existing one." },
        AmazonS3Exception { ErrorCode: "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AccessDenied" } =>
            new("S3AuthenticationFailed", ErrorKind.SecurityError,
                $"{where.ServiceEndpoint} refused the access key or secret key for the bucket '{where.Bucket}' ({((AmazonS3Exception)ex).ErrorCode}).", ex)
            { RecommendedAction = "Give the right keys: Set-VBRCredentials on the record the repository uses (the access key as the user name, the secret key as the password)." },
        AmazonServiceException { StatusCode: HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or (HttpStatusCode)429 } =>
            new("S3ServiceUnavailable", ErrorKind.ConnectionError,
                $"{where.ServiceEndpoint} kept answering {(int)((AmazonServiceException)ex).StatusCode} after the retries; nothing incomplete was kept.", ex)
            { RecommendedAction = "Run it again later; check the object storage's health and load." },
        AmazonServiceException service => new("S3RequestFailed", ErrorKind.InvalidOperation,
            $"{where.ServiceEndpoint} refused the request for the bucket '{where.Bucket}': {(int)service.StatusCode} {service.ErrorCode}.", ex)
            { RecommendedAction = "Check the bucket's settings and the user's permissions on it." },
        TimeoutException or TaskCanceledException => new("S3EndpointUnreachable", ErrorKind.ConnectionError,
            $"The object storage at {where.ServiceEndpoint} did not answer in time, retries included; nothing incomplete was kept.", ex)
            { RecommendedAction = "Check that the object storage runs and answers, and that nothing between this machine and it holds the connection." },
        _ => new("S3EndpointUnreachable", ErrorKind.ConnectionError,
            $"Cannot reach the object storage at {where.ServiceEndpoint}: {Root(ex).Message}", ex)
            { RecommendedAction = "Check the service endpoint URL, that the object storage runs, and that this machine can reach it." },
    };

    private static Exception Root(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }
        return ex;
    }
}
