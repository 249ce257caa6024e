using System.Management.Automation;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Commands.Common;

/// <summary>Turns engine exceptions into ErrorRecords whose id is the engine's stable error id.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(ConfigBackupException ex, object? target) =>
        new(ex, ex.ErrorId, Category(ex.Kind), target);

    public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object? target) =>
        new(new InvalidOperationException(message), errorId, category, target);

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
        _ => ErrorCategory.NotSpecified,
    };
}
