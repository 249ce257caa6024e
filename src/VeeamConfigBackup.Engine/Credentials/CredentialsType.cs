namespace VeeamConfigBackup.Engine.Credentials;

/// <summary>Which kind of managed server a credentials record is for.</summary>
public enum CredentialsType
{
    Windows,
    Linux,
}
