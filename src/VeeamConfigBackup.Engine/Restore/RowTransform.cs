using System.Security.Cryptography;
using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Repositories;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Restore;

/// <summary>
/// Turns a restored row into what the target stores: plain secrets are protected with the target's key ring
/// (and the plain copy zeroed); a missing secret is stored empty and listed for re-entry; on a migrate, the
/// default repository moves into the target home; the texts of an unencrypted point are stored escaped.
/// </summary>
/// <remarks>Without a protector (WhatIf) rows are only examined: plain secrets are zeroed, nothing is protected.</remarks>
internal sealed class RowTransform(string targetPath, ISecretProtector? protector, RestoreMode mode, bool secretsIncluded)
{
    private readonly List<RecordNeedingSecret> _needing = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<RecordNeedingSecret> NeedingSecrets => _needing;

    public IReadOnlyList<string> Warnings => _warnings;

    public object?[] Apply(TableSchema table, object?[] row)
    {
        // Nothing authenticates an unencrypted point, so its texts are stored as they would be shown: with control
        // characters escaped (a forged hint must not drive the terminal of whoever lists the passwords later). Session
        // logs keep their line breaks.
        var history = Store.ExportedTables.All.FirstOrDefault(t => t.Name == table.Name)?.IsHistory ?? false;
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (!secretsIncluded && row[i] is string text)
            {
                row[i] = UntrustedText.Escape(text, keepLineBreaks: history);
            }
            if (table.Columns[i].Secret is not { } purpose)
            {
                continue;
            }
            if (secretsIncluded && row[i] is byte[] plain)
            {
                // Without protect (WhatIf) the row is only counted, so the plain copy goes at once.
                row[i] = protector is not null ? protector.Protect(purpose, plain) : Array.Empty<byte>();
                CryptographicOperations.ZeroMemory(plain);
            }
            else
            {
                row[i] = Array.Empty<byte>();
                _needing.Add(new RecordNeedingSecret(Kind(purpose), NameOf(table, row, purpose), IdOf(table, row)));
            }
        }
        if (mode == RestoreMode.Migrate && table.Name == "repositories")
        {
            MoveRepository(table, row);
        }
        return row;
    }

    private void MoveRepository(TableSchema table, object?[] row)
    {
        var path = Index(table, "path");
        var isDefault = Index(table, "is_default");
        var name = Index(table, "name");
        if (row[isDefault] is 1L)
        {
            // The source's default repository lived in the source's home, which does not exist here.
            row[path] = System.IO.Path.Combine(targetPath, RepositoryCatalog.DefaultFolderName);
        }
        else if (row[path] is string folder && row[Index(table, "type")] is not "S3Compatible" && !Directory.Exists(folder))
        {
            _warnings.Add($"Repository '{UntrustedText.Quote(row[name] as string)}' points to '{UntrustedText.Quote(folder)}', which does not exist on this machine.");
        }
    }

    private static string Kind(SecretPurpose purpose) => purpose switch
    {
        SecretPurpose.PasswordManagerPassword => "Password",
        SecretPurpose.CredentialsPassword => "Credentials",
        SecretPurpose.SecurityOfficerKey => "SecurityOfficer",
        SecretPurpose.NotificationReceiverSecret => "SnmpReceiver",
        _ => "Certificate",
    };

    private static string NameOf(TableSchema table, object?[] row, SecretPurpose purpose)
    {
        var column = purpose switch
        {
            SecretPurpose.PasswordManagerPassword => "hint",
            SecretPurpose.CredentialsPassword => "user_name",
            SecretPurpose.SecurityOfficerKey => "hint",
            SecretPurpose.NotificationReceiverSecret => "receiver_ip",
            _ => "subject",
        };
        var index = table.Columns.ToList().FindIndex(c => c.Name == column);
        // An unencrypted point's content is not authenticated: the name is shown, so it is shown escaped.
        return index >= 0 ? UntrustedText.Escape(row[index]?.ToString() ?? "") : "";
    }

    private static Guid IdOf(TableSchema table, object?[] row) => row[Index(table, "id")] switch
    {
        Guid g => g,
        string s when Guid.TryParse(s, out var g) => g,
        _ => Guid.Empty,
    };

    private static int Index(TableSchema table, string column)
    {
        var index = table.Columns.ToList().FindIndex(c => c.Name == column);
        return index >= 0 ? index : throw RestorePointDamagedException.Because($"table '{UntrustedText.Quote(table.Name)}' has no column '{column}'");
    }
}
