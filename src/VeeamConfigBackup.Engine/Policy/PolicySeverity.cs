namespace VeeamConfigBackup.Engine.Policy;

/// <summary>How much a finding matters: Blocking stops the configuration backup job from starting.</summary>
public enum PolicySeverity
{
    Info,
    Warning,
    Blocking,
}
