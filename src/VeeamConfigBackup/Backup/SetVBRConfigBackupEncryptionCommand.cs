using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.KmsServers;
using VeeamConfigBackup.Engine.Passwords;
using VeeamConfigBackup.Engine.Policy;

namespace VeeamConfigBackup.Commands.Backup;

/// <summary>Turns encryption of configuration backups on (with a Password Manager password) or off.</summary>
[Cmdlet(VerbsCommon.Set, "VBRConfigBackupEncryption", SupportsShouldProcess = true, DefaultParameterSetName = EnableSet)]
[OutputType(typeof(ConfigBackupEncryptionStatus))]
public sealed class SetVBRConfigBackupEncryptionCommand : VbrCmdlet
{
    private const string EnableSet = "Enable";
    private const string DisableSet = "Disable";
    private const string KmsSet = "Kms";

    [Parameter(Mandatory = true, ParameterSetName = EnableSet)]
    [Parameter(ParameterSetName = KmsSet)]
    public SwitchParameter Enable { get; set; }

    /// <summary>The password: a record from Get-VBRPassword, or its hint.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = EnableSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object EncryptionKey { get; set; } = null!;

    /// <summary>Only to say clearly that KMS keys are not supported for configuration backups.</summary>
    [Parameter(Mandatory = true, ParameterSetName = KmsSet)]
    [ValidateNotNull]
    public KmsServerRecord KmsServer { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = DisableSet)]
    public SwitchParameter Disable { get; set; }

    protected override void Begin()
    {
        // -Enable:$false and -Disable:$false would otherwise be read as their opposites.
        if ((ParameterSetName == EnableSet && !Enable.IsPresent) || (ParameterSetName == DisableSet && !Disable.IsPresent))
        {
            ThrowTerminatingError(ErrorRecords.Create("AmbiguousEncryptionSwitch", ErrorKind.InvalidArgument,
                "Use -Enable to turn encryption on and -Disable to turn it off; -Enable:$false and -Disable:$false are not accepted.", null));
        }
    }

    protected override void Process()
    {
        if (ParameterSetName == KmsSet)
        {
            ThrowTerminatingError(ErrorRecords.Create("KmsEncryptionNotSupported", ErrorKind.NotSupported,
                "Configuration backup jobs do not support data encryption with KMS keys. Use a password from the Password Manager: Set-VBRConfigBackupEncryption -Enable -EncryptionKey (Get-VBRPassword -Hint '<hint>').",
                KmsServer));
        }
        Terminating(ParameterSetName == EnableSet ? EncryptionKey : null, () =>
        {
            ConfigBackupEncryptionStatus status;
            if (ParameterSetName == DisableSet)
            {
                if (!ShouldProcess(ConfigBackupJobInfo.JobName, "Disable configuration backup encryption"))
                {
                    return;
                }
                status = Server.ConfigBackupJob.DisableEncryption();
            }
            else
            {
                var password = ResolvePassword(EncryptionKey);
                if (!ShouldProcess(ConfigBackupJobInfo.JobName, $"Encrypt configuration backups with the password '{password.Hint}'"))
                {
                    return;
                }
                status = Server.ConfigBackupJob.EnableEncryption(password.Id);
            }
            foreach (var warning in status.Warnings.Where(w => w.Severity != PolicySeverity.Info))
            {
                WriteWarning($"{warning.Message} {warning.Recommendation}");
            }
            WriteRecord(status);
        });
    }

    private PasswordRecord ResolvePassword(object key)
    {
        var value = key is PSObject wrapped ? wrapped.BaseObject : key;
        return value switch
        {
            PasswordRecord record => Server.Passwords.Get(record.Id),
            string hint => Server.Passwords.List().FirstOrDefault(p => string.Equals(p.Hint, hint, StringComparison.OrdinalIgnoreCase))
                ?? throw new RecordNotFoundException(RecordKind.Password, hint),
            Guid id => Server.Passwords.Get(id),
            _ => throw new ConfigBackupException("InvalidEncryptionKey", ErrorKind.InvalidArgument,
                $"-EncryptionKey takes a password record from Get-VBRPassword or its hint, not a {value.GetType().Name}."),
        };
    }
}
