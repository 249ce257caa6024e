using VeeamConfigBackup.Engine.Secrets;

namespace VeeamConfigBackup.Engine.Crypto;

/// <summary>
/// What protects a restore point besides its password: a recovery public key (password loss protection)
/// and a Security Officer key mixed into every wrap. Either may be absent.
/// </summary>
internal sealed record KeyProtection(RecoveryPublicKey? Recovery, OfficerSecret? Officer);

/// <summary>The public half of a recovery keyset: all the server keeps of it.</summary>
internal sealed record RecoveryPublicKey(string KeyId, byte[] SubjectPublicKeyInfo);

/// <summary>The Security Officer key as derived from the passphrase, with the parameters to derive it again.</summary>
internal sealed record OfficerSecret(KdfParameters Kdf, SecretBytes Key, string Hint);
