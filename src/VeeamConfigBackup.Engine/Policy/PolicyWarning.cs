namespace VeeamConfigBackup.Engine.Policy;

/// <summary>One finding of a rule against the current configuration; a stable RuleId for scripts and Pester checks.</summary>
public sealed record PolicyWarning(string RuleId, PolicySeverity Severity, string Message, string Recommendation);
