using System.Management.Automation;
using System.Security;

namespace VeeamConfigBackup.PowerShell.Tests;

/// <summary>What every cmdlet of the module promises, checked from the built module's metadata.</summary>
public sealed class ModuleContractTests : IDisposable
{
    private readonly ModuleHost _host = new();

    private List<CmdletInfo> Cmdlets() =>
        _host.Run("Get-Command -Module VeeamConfigBackup -CommandType Cmdlet").Output.Select(o => (CmdletInfo)o.BaseObject).ToList();

    [Fact]
    public void The_manifest_exports_every_cmdlet_in_the_assembly_and_nothing_else()
    {
        var exported = Cmdlets().Select(c => c.Name).OrderBy(n => n).ToList();
        var inAssembly = Cmdlets().First().ImplementingType.Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).Length > 0)
            .Select(t => (CmdletAttribute)t.GetCustomAttributes(typeof(CmdletAttribute), false)[0])
            .Select(a => $"{a.VerbName}-{a.NounName}")
            .OrderBy(n => n).ToList();
        Assert.Equal(inAssembly, exported);
        Assert.Contains("Add-VBRPassword", exported);
    }

    [Theory]
    [InlineData("Add-VBREncryptionKey", "Add-VBRPassword")]
    [InlineData("Get-VBREncryptionKey", "Get-VBRPassword")]
    [InlineData("Set-VBREncryptionKey", "Set-VBRPassword")]
    [InlineData("Remove-VBREncryptionKey", "Remove-VBRPassword")]
    public void Product_names_are_aliases(string alias, string cmdlet)
    {
        var resolved = _host.Run($"(Get-Alias -Name '{alias}').ResolvedCommandName").Output.Single().BaseObject;
        Assert.Equal(cmdlet, resolved);
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_type()
    {
        foreach (var cmdlet in Cmdlets())
        {
            Assert.True(cmdlet.OutputType.Count > 0, $"{cmdlet.Name} has no [OutputType]");
        }
    }

    [Fact]
    public void Cmdlets_that_change_state_support_WhatIf_and_readers_do_not()
    {
        foreach (var cmdlet in Cmdlets())
        {
            var changes = cmdlet.Verb is "Add" or "Set" or "Remove" or "Start" or "Restore" or "Enable" or "Disable" or "Register" or "Unregister";
            Assert.True(changes == cmdlet.Parameters.ContainsKey("WhatIf"), $"{cmdlet.Name}: WhatIf support is {cmdlet.Parameters.ContainsKey("WhatIf")}");
        }
    }

    [Fact]
    public void Removing_asks_for_confirmation_by_default()
    {
        foreach (var cmdlet in Cmdlets().Where(c => c.Verb == "Remove"))
        {
            var attribute = (CmdletAttribute)cmdlet.ImplementingType.GetCustomAttributes(typeof(CmdletAttribute), false)[0];
            Assert.Equal(ConfirmImpact.High, attribute.ConfirmImpact);
            Assert.True(cmdlet.Parameters.ContainsKey("Force"), $"{cmdlet.Name} has no -Force");
        }
    }

    [Fact]
    public void Every_password_parameter_is_a_SecureString_or_PSCredential()
    {
        var checkedAny = false;
        foreach (var cmdlet in Cmdlets())
        {
            foreach (var parameter in cmdlet.Parameters.Values.Where(p => p.Name.Contains("Password", StringComparison.OrdinalIgnoreCase)))
            {
                checkedAny = true;
                Assert.True(parameter.ParameterType == typeof(SecureString) || parameter.ParameterType == typeof(PSCredential),
                    $"{cmdlet.Name} -{parameter.Name} is {parameter.ParameterType.Name}");
            }
        }
        Assert.True(checkedAny);
    }

    [Fact]
    public void Every_cmdlet_has_help_with_synopsis_description_example_and_parameter_descriptions()
    {
        foreach (var cmdlet in Cmdlets())
        {
            // Without a help file, Get-Help makes a synopsis out of the syntax line and has no description or examples.
            var help = _host.Run($"Get-Help {cmdlet.Name} -Full").Output.Single();
            var synopsis = (help.Properties["Synopsis"].Value?.ToString() ?? "").Trim();
            Assert.False(synopsis.Length == 0 || synopsis.StartsWith(cmdlet.Name, StringComparison.Ordinal),
                $"{cmdlet.Name} has no synopsis (help file missing or broken)");
            var description = _host.Run($"(Get-Help {cmdlet.Name} -Full).description.Text -join ' '").Output.Single().BaseObject.ToString();
            Assert.False(string.IsNullOrWhiteSpace(description), $"{cmdlet.Name} has no description");
            var examples = _host.Run($"(Get-Help {cmdlet.Name} -Full).examples.example | Where-Object {{ $_.code }} | Measure-Object | ForEach-Object Count").Output.Single().BaseObject;
            var undocumented = _host.Run($"(Get-Help {cmdlet.Name} -Full).parameters.parameter | Where-Object {{ $_ -and -not ($_.description.Text -join '') }} | ForEach-Object name").Output;
            Assert.True(undocumented.Count == 0, $"{cmdlet.Name}: parameters without description: {string.Join(", ", undocumented)}");
            Assert.True((int)examples > 0, $"{cmdlet.Name} has no example");
        }
    }

    public void Dispose() => _host.Dispose();
}
