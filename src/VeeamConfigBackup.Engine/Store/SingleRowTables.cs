namespace VeeamConfigBackup.Engine.Store;

/// <summary>The password loss protection row: the recovery keyset's public key and its id.</summary>
internal sealed record RecoveryKeyRow(string KeyId, byte[] PublicKey, DateTimeOffset CreatedUtc);

/// <summary>The Security Officer row: the passphrase-derived key, protected, with what re-derives it.</summary>
internal sealed record SecurityOfficerRow(string Hint, int KdfIterations, byte[] KdfSalt, byte[] KeyProtected, DateTimeOffset CreatedUtc, DateTimeOffset ModifiedUtc);
