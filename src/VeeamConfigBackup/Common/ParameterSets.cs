namespace VeeamConfigBackup.Commands.Common;

/// <summary>Parameter set names shared by the cmdlets that take a record by id, by name, or from the pipeline.</summary>
internal static class ParameterSets
{
    public const string ById = "ById";
    public const string ByName = "ByName";
    public const string InputObject = "InputObject";
    public const string Credential = "Credential";
    public const string UserPassword = "UserPassword";
}
