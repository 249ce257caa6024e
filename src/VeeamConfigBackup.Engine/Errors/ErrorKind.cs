namespace VeeamConfigBackup.Engine.Errors;

/// <summary>What sort of failure an engine exception is, so a host can classify it without knowing every type.</summary>
public enum ErrorKind
{
    InvalidArgument,
    NotFound,
    AlreadyExists,
    InvalidOperation,
    ResourceBusy,
    SecurityError,
    PermissionDenied,
    InvalidData,
    NotSupported,
    OperationStopped,
    ConnectionError,
}
