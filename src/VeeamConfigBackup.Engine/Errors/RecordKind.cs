namespace VeeamConfigBackup.Engine.Errors;

/// <summary>The kinds of configuration record; error ids are built from these names.</summary>
public enum RecordKind
{
    Password,
    Credentials,
    Repository,
    Certificate,
    KmsServer,
    SyslogServer,
}
