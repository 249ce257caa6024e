using System.Management.Automation;
using System.Security;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Passwords;
using VeeamConfigBackup.Engine.Recovery;

namespace VeeamConfigBackup.Commands.Protection;

/// <summary>
/// Creates a recovery keyset: the private key goes, encrypted, to a new file that belongs off this server;
/// the server keeps the public key and wraps every later encrypted restore point for it.
/// </summary>
[Cmdlet(VerbsLifecycle.Enable, "VBRPasswordLossProtection", SupportsShouldProcess = true)]
[OutputType(typeof(PasswordLossProtectionStatus))]
public sealed class EnableVBRPasswordLossProtectionCommand : VbrCmdlet
{
    /// <summary>A new file for the recovery key's private part (encrypted PKCS#8 PEM). It is never written over.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string RecoveryKeyPath { get; set; } = "";

    /// <summary>The password that encrypts the recovery key file.</summary>
    [Parameter(Mandatory = true)]
    public SecureString RecoveryKeyPassword { get; set; } = null!;

    protected override void End()
    {
        var path = ResolveFileSystemPath(RecoveryKeyPath);
        if (!ShouldProcess(path, "Create a recovery key and enable password loss protection"))
        {
            return;
        }
        Terminating(path, () =>
        {
            using (var chars = Engine.Secrets.SecretChars.RequireNonEmpty(RecoveryKeyPassword, "recovery key password"))
            {
                var weakness = PasswordStrength.Assess(chars.Span);
                if (weakness != PasswordWeakness.None)
                {
                    WriteWarning(PasswordStrength.Describe(weakness).Replace("restore points", "recovery key", StringComparison.Ordinal));
                }
            }
            var status = Server.PasswordLossProtection.Enable(path, RecoveryKeyPassword);
            WriteWarning($"Keep '{path}' and its password off this server (and off its backups' storage): together they open every encrypted configuration backup made from now on.");
            WriteVerbose($"Recovery key {status.KeyId} written to '{path}'.");
            WriteRecord(status);
        });
    }
}
