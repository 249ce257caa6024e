using System.Management.Automation;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Commands.Common;

/// <summary>Turns engine exceptions into ErrorRecords whose id is the engine's stable error id.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(ConfigBackupException ex, object? target)
    {
        var record = new ErrorRecord(ex, ex.ErrorId, Category(ex.Kind), target);
        if (ex.RecommendedAction is { } action)
        {
            record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = action };
        }
        return record;
    }

    /// <summary>An error raised by a cmdlet itself, shaped like the engine's so <c>$_.Exception.ErrorId</c> works for every error.</summary>
    public static ErrorRecord Create(string errorId, ErrorKind kind, string message, object? target) =>
        From(new ConfigBackupException(errorId, kind, message), target);

    private static ErrorCategory Category(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.AlreadyExists => ErrorCategory.ResourceExists,
        ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        ErrorKind.ResourceBusy => ErrorCategory.ResourceBusy,
        ErrorKind.SecurityError => ErrorCategory.SecurityError,
        ErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        ErrorKind.InvalidData => ErrorCategory.InvalidData,
        ErrorKind.NotSupported => ErrorCategory.NotImplemented,
        ErrorKind.OperationStopped => ErrorCategory.OperationStopped,
        ErrorKind.ConnectionError => ErrorCategory.ConnectionError,
        _ => ErrorCategory.NotSpecified,
    };
}
