namespace VeeamConfigBackup.Engine.Protection;

/// <summary>
/// What a protected secret is. Each purpose gets its own derived key, so a value protected as one kind
/// of secret cannot be unprotected as another.
/// </summary>
public enum SecretPurpose
{
    PasswordManagerPassword,
    CredentialsPassword,
    CertificatePrivateKey,
    SecurityOfficerKey,

    /// <summary>The community an SNMP trap receiver accepts.</summary>
    NotificationReceiverSecret,
}
