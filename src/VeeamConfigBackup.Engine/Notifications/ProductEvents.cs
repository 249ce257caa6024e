using System.Globalization;
using System.Security;

namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>
/// The product's events, by its Event Reference: id, name, parameters in the documented order and description. Ids and
/// parameters of 40700, 40800, 31500 and 25400 are from the Event Reference; 31600/31700/31800 (encryption password
/// added, changed, deleted) and 25500 (credential record deleted) from the product's published event list, whose pages
/// give no parameter table, so they carry the parameters their siblings document. No event carries a secret.
/// </summary>
public static class ProductEvents
{
    public const int ConfigurationBackupJobFinished = 40700;
    public const int ConfigurationRestoreSessionFinished = 40800;
    public const int ConfigurationBackupJobSettingsUpdated = 31500;
    public const int EncryptionPasswordAdded = 31600;
    public const int EncryptionPasswordChanged = 31700;
    public const int EncryptionPasswordDeleted = 31800;
    public const int CredentialRecordUpdated = 25400;
    public const int CredentialRecordDeleted = 25500;

    /// <summary>Success → Info, Warning → Warning, Failed → Error, as the product maps a session's result.</summary>
    public static NotificationSeverity SeverityOf(string result) => result switch
    {
        "Success" => NotificationSeverity.Info,
        "Warning" => NotificationSeverity.Warning,
        _ => NotificationSeverity.Error,
    };

    /// <summary>40700: the session's data as the product's ConfigurationBackupJobSpec, and the result in the description.</summary>
    public static NotificationEvent JobFinished(EventOrigin origin, DateTimeOffset time, string result, Guid? repositoryId, string? repositoryName,
        int restorePointsToKeep, bool encrypted, Guid? passwordId, IReadOnlyList<KeyValuePair<string, string>> facts)
    {
        var spec = "<ConfigurationBackupJobSpec>" +
            $"<RepositoryId>{repositoryId}</RepositoryId><RepositoryName>{Xml(repositoryName ?? "")}</RepositoryName>" +
            $"<RetentionPolicy>{restorePointsToKeep.ToString(CultureInfo.InvariantCulture)}</RetentionPolicy>" +
            $"<StorageEncryptionEnabled>{(encrypted ? "True" : "False")}</StorageEncryptionEnabled>" +
            $"<StorageCryptoKeyId>{passwordId}</StorageCryptoKeyId></ConfigurationBackupJobSpec>";
        return Event(origin, time, ConfigurationBackupJobFinished, "Configuration Backup Job Finished", SeverityOf(result),
            [new("ConfigurationBackupSpecXML", spec)], $"Configuration backup has been completed. Result: {result}.", withUserName: false, facts);
    }

    /// <summary>40800, for every restore or migrate that started, failed or was refused.</summary>
    public static NotificationEvent RestoreFinished(EventOrigin origin, DateTimeOffset time, string result, IReadOnlyList<KeyValuePair<string, string>> facts) =>
        Event(origin, time, ConfigurationRestoreSessionFinished, "Configuration Restore Session Finished", SeverityOf(result),
            [], "Configuration restore has been performed", withUserName: false, facts);

    /// <summary>31500, with the product's ChangesXML of what changed.</summary>
    public static NotificationEvent JobSettingsUpdated(EventOrigin origin, DateTimeOffset time, Guid jobId, IReadOnlyList<ChangedProperty> changes) =>
        Event(origin, time, ConfigurationBackupJobSettingsUpdated, "Configuration Backup Job Settings Updated", NotificationSeverity.Info,
            [new("ChangesXML", ChangesXml(jobId, changes))], "Configuration backup job has been modified.", withUserName: true, []);

    public static NotificationEvent PasswordAdded(EventOrigin origin, DateTimeOffset time, string hint) =>
        Event(origin, time, EncryptionPasswordAdded, "Encryption Password Added", NotificationSeverity.Info,
            [new("Hint", hint)], $"Encryption password with hint {hint} has been added.", withUserName: true, []);

    public static NotificationEvent PasswordChanged(EventOrigin origin, DateTimeOffset time, string hint) =>
        Event(origin, time, EncryptionPasswordChanged, "Encryption Password Changed", NotificationSeverity.Info,
            [new("Hint", hint)], $"Encryption password with hint {hint} has been changed.", withUserName: true, []);

    public static NotificationEvent PasswordDeleted(EventOrigin origin, DateTimeOffset time, string hint) =>
        Event(origin, time, EncryptionPasswordDeleted, "Encryption Password Deleted", NotificationSeverity.Info,
            [new("Hint", hint)], $"Encryption password with hint {hint} has been deleted.", withUserName: true, []);

    /// <summary>25400; a changed password shows as *** to **** in ChangesXML, as the product's example does.</summary>
    public static NotificationEvent CredentialsUpdated(EventOrigin origin, DateTimeOffset time, Guid credentialsId, string accountName, IReadOnlyList<ChangedProperty> changes) =>
        Event(origin, time, CredentialRecordUpdated, "Credential Record Updated", NotificationSeverity.Info,
            [new("CredentialsId", credentialsId.ToString()), new("AccountName", accountName), new("ChangesXML", ChangesXml(credentialsId, changes))],
            $"Credentials {accountName} have been updated", withUserName: true, []);

    public static NotificationEvent CredentialsDeleted(EventOrigin origin, DateTimeOffset time, Guid credentialsId, string accountName) =>
        Event(origin, time, CredentialRecordDeleted, "Credential Record Deleted", NotificationSeverity.Info,
            [new("CredentialsId", credentialsId.ToString()), new("AccountName", accountName)],
            $"Credentials {accountName} have been deleted", withUserName: true, []);

    /// <summary>What Send-VBRTestNotification sends: no product id (0), so no rule written for a real event fires on it.</summary>
    public static NotificationEvent Test(EventOrigin origin, DateTimeOffset time) =>
        Event(origin, time, 0, "Test Notification", NotificationSeverity.Info, [],
            $"Test notification from the backup server {origin.ServerName}.", withUserName: true,
            [new("JobName", "Test notification"), new("JobResult", "Success")]);

    private static NotificationEvent Event(EventOrigin origin, DateTimeOffset time, int id, string name, NotificationSeverity severity,
        IReadOnlyList<KeyValuePair<string, string>> own, string description, bool withUserName, IReadOnlyList<KeyValuePair<string, string>> facts)
    {
        var parameters = new List<KeyValuePair<string, string>>(own);
        if (withUserName)
        {
            parameters.Add(new("UserName", origin.UserName));
        }
        parameters.Add(new("UserFullInfo", $"<ModifiedUserInfo fullName=\"{Xml(origin.UserName)}\" loginType=\"0\" />"));
        parameters.Add(new("VbrHostName", origin.HostName));
        parameters.Add(new("VbrVersion", origin.ProductVersion));
        parameters.Add(new("Version", "1"));
        return new NotificationEvent
        {
            InstanceId = id,
            Name = name,
            Severity = severity,
            TimeUtc = time,
            ServerName = origin.ServerName,
            Parameters = parameters,
            Description = description,
            Facts = facts,
        };
    }

    private static string ChangesXml(Guid id, IReadOnlyList<ChangedProperty> changes) =>
        $"<changes><object id=\"{id}\">" + string.Concat(changes.Select(c =>
            $"<property name=\"{Xml(c.Name)}\" internal=\"{Xml(c.Internal)}\" type=\"{Xml(c.Type)}\"><old>{Xml(c.Old)}</old><new>{Xml(c.New)}</new></property>")) +
        "</object></changes>";

    private static string Xml(string text) => SecurityElement.Escape(text) ?? "";
}
