using System.Management.Automation;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Server;

namespace VeeamConfigBackup.Commands.Common;

/// <summary>
/// Base of the module's cmdlets: finds the connected server and turns engine exceptions into
/// ErrorRecords. A server that cannot be opened stops the whole call; a failure on one item is
/// written as a non-terminating error so the rest of the pipeline goes on.
/// </summary>
public abstract class VbrCmdlet : PSCmdlet
{
    private ServerHome? _server;

    /// <summary>The server this call works on (the connected one, else the default home).</summary>
    protected ServerHome Server
    {
        get
        {
            if (_server is null)
            {
                try
                {
                    _server = ServerConnections.GetOrOpenDefault();
                    WriteVerbose($"Using server '{_server.Identity.Name}' at '{_server.Path}'.");
                }
                catch (ConfigBackupException ex)
                {
                    ThrowTerminatingError(ErrorRecords.From(ex, null));
                }
            }
            return _server!;
        }
    }

    // The pipeline steps are sealed: each runs the cmdlet's own step so that an engine error nobody caught on the
    // way (a dropped database connection in a plain listing, say) still reaches the user with its error id.
    protected sealed override void BeginProcessing() => Guarded(Begin);

    protected sealed override void ProcessRecord() => Guarded(Process);

    protected sealed override void EndProcessing() => Guarded(End);

    protected virtual void Begin()
    {
    }

    protected virtual void Process()
    {
    }

    protected virtual void End()
    {
    }

    private void Guarded(Action step)
    {
        try
        {
            step();
        }
        catch (ConfigBackupException ex)
        {
            WriteUndelivered();
            ThrowTerminatingError(ErrorRecords.From(ex, null));
        }
        WriteUndelivered();
    }

    /// <summary>
    /// Notifications of this step's changes that a receiver did not take: the change is done, so each is a warning
    /// (NotificationFailed: which receiver, why), not an error.
    /// </summary>
    protected void WriteUndelivered(Engine.Notifications.NotificationPublisher? publisher = null)
    {
        foreach (var failed in (publisher ?? _server?.Notifications)?.TakeUndelivered() ?? [])
        {
            WriteWarning($"NotificationFailed: the notification to {failed.Receiver} was not delivered: {failed.Error}");
        }
    }

    /// <summary>Runs one item's work; an engine error becomes a non-terminating error for that item.</summary>
    protected void ForItem(object? target, Action work)
    {
        try
        {
            work();
        }
        catch (ConfigBackupException ex)
        {
            WriteError(ErrorRecords.From(ex, target));
        }
    }

    /// <summary>Runs work whose failure makes the whole call pointless (invalid parameters for every item).</summary>
    protected void Terminating(object? target, Action work)
    {
        try
        {
            work();
        }
        catch (ConfigBackupException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, target));
        }
    }

    /// <summary>
    /// ShouldProcess for destructive cmdlets with -Force: -Force skips the confirmation, but -WhatIf
    /// (as a parameter or through $WhatIfPreference) still only reports and changes nothing.
    /// </summary>
    protected bool ShouldProcessUnlessForced(bool force, string target, string action)
    {
        if (force && !IsWhatIf)
        {
            return true;
        }
        try
        {
            return ShouldProcess(target, action);
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or System.Management.Automation.Host.HostException)
        {
            // A host that cannot prompt (pwsh -NonInteractive, a runbook) gets a clear error instead of the host's own.
            ThrowTerminatingError(ErrorRecords.Create("ConfirmationRequired", ErrorKind.InvalidOperation,
                $"'{action}' on {target} needs confirmation, and this session cannot ask for it. Nothing was changed. Add -Force (or -Confirm:$false) to go ahead.", target));
            return false;
        }
    }

    /// <summary>Whether -WhatIf is in effect, as a parameter or through $WhatIfPreference.</summary>
    protected bool IsWhatIf => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)
        ? ((SwitchParameter)bound).IsPresent
        : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>
    /// A file-system path from a user's path (relative to the current location, PowerShell drives resolved).
    /// Paths on other providers (env:, HKLM:...) or blank paths are an <c>InvalidPath</c> error, terminating.
    /// </summary>
    protected string ResolveFileSystemPath(string path)
    {
        string resolved = "";
        try
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("The path is blank.");
            }
            resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
            {
                throw new ArgumentException($"'{path}' is a {provider.Name} path, not a file-system path.");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException or NotSupportedException)
        {
            ThrowTerminatingError(ErrorRecords.Create("InvalidPath", ErrorKind.InvalidArgument, $"{ex.Message} Give a folder or file path.", path));
        }
        return resolved;
    }

    /// <summary>Writes an output object under its product type name (see <see cref="OutputTypeNames"/>).</summary>
    protected void WriteRecord(object? value) => WriteObject(OutputTypeNames.Decorate(value));

    /// <summary>Writes an ObjectNotFound error for a name or pattern that matched nothing.</summary>
    protected void WriteNotFound(RecordKind kind, string identity) =>
        WriteError(ErrorRecords.From(new RecordNotFoundException(kind, identity), identity));
}
