using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace VeeamConfigBackup.PowerShell.Tests;

/// <summary>Runs PowerShell in-process with the built module (out/VeeamConfigBackup) imported.</summary>
internal sealed class ModuleHost : IDisposable
{
    private readonly Runspace _runspace;

    public ModuleHost()
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(ManifestPath);
        _runspace = RunspaceFactory.CreateRunspace(iss);
        _runspace.Open();
    }

    public static string ManifestPath
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("VBR_TEST_MODULE");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return fromEnvironment;
            }
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "VeeamConfigBackup.sln")))
                {
                    var manifest = Path.Combine(dir.FullName, "out", "VeeamConfigBackup", "VeeamConfigBackup.psd1");
                    if (!File.Exists(manifest))
                    {
                        throw new InvalidOperationException($"The module is not built. Run 'dotnet pwsh ./build.ps1 -Task Build' first ({manifest}).");
                    }
                    return manifest;
                }
            }
            throw new InvalidOperationException("Cannot find the repository root (VeeamConfigBackup.sln) above the test assembly.");
        }
    }

    /// <summary>Runs a script; returns its output and the errors it wrote.</summary>
    public (List<PSObject> Output, List<ErrorRecord> Errors) Run(string script, IDictionary<string, object>? variables = null)
    {
        var (output, errors, _) = RunWithProgress(script, variables);
        return (output, errors);
    }

    /// <summary>Runs a script; also returns the progress records it wrote.</summary>
    public (List<PSObject> Output, List<ErrorRecord> Errors, List<ProgressRecord> Progress) RunWithProgress(string script, IDictionary<string, object>? variables = null)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        if (variables is not null)
        {
            foreach (var (name, value) in variables)
            {
                _runspace.SessionStateProxy.SetVariable(name, value);
            }
        }
        ps.AddScript(script);
        var output = ps.Invoke().ToList();
        return (output, ps.Streams.Error.ToList(), ps.Streams.Progress.ToList());
    }

    public void Dispose() => _runspace.Dispose();
}
