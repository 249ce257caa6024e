namespace VeeamConfigBackup.Engine.Store;

/// <summary>One forward step of the schema: applied once, in order, inside the transaction that records it.</summary>
internal sealed record SchemaMigration(int Version, string Description, string Sql);
