using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace VeeamConfigBackup.Engine.Tests.Architecture;

/// <summary>
/// The engine's layers (ARCHITECTURE §3), stated once, top to bottom. A folder may use folders of its own line or of
/// any line below it, never one above; within a line, the folders must not form a cycle.
/// </summary>
public sealed class LayerTests
{
    private const string EngineNamespace = "VeeamConfigBackup.Engine";

    private static readonly string[][] Layers =
    [
        ["Server"],                                            // composition
        ["Backup", "Restore", "Scheduling", "Notifications", "Appliances"], // features (Scheduling, Appliances: where §3 puts them when they come)
        ["Policy"],                                            // rules
        ["Passwords", "Credentials", "Repositories", "Certificates", "KmsServers", "SecurityOfficer", "Recovery"], // records
        ["Store", "Storage"],                                  // storage
        ["Archive"],                                           // format
        ["Crypto", "Protection", "Secrets", "Errors"],         // primitives
    ];

    private static readonly ArchitectureModel EngineArchitecture =
        new ArchLoader().LoadAssemblies(typeof(Engine.Server.ServerHome).Assembly).Build();

    private static IObjectProvider<IType> Folders(IEnumerable<string> folders) =>
        Types().That().ResideInNamespaceMatching($@"^{EngineNamespace.Replace(".", @"\.")}\.({string.Join("|", folders)})(\..*)?$").As(string.Join(", ", folders));

    /// <summary>Every layer below the top one (the top one has nothing above it).</summary>
    public static TheoryData<int> LowerLayers() => [.. Enumerable.Range(1, Layers.Length - 1)];

    [Theory]
    [MemberData(nameof(LowerLayers))]
    public void A_layer_uses_nothing_above_it(int layer)
    {
        Types().That().Are(Folders(Layers[layer])).Should().NotDependOnAny(Folders(Layers.Take(layer).SelectMany(l => l)))
            .Because("dependencies point down the layer list of ARCHITECTURE §3")
            .Check(EngineArchitecture);
    }

    [Fact]
    public void The_folders_do_not_use_each_other_in_a_circle()
    {
        // A folder is the namespace's third part: Notifications.Syslog belongs to Notifications.
        static string? FolderOf(IType type) =>
            type.Namespace.FullName.StartsWith(EngineNamespace + ".", StringComparison.Ordinal) ? type.Namespace.FullName.Split('.')[2] : null;
        var uses = new Dictionary<string, HashSet<string>>();
        foreach (var type in EngineArchitecture.Types)
        {
            if (FolderOf(type) is not { } from)
            {
                continue;
            }
            foreach (var to in type.Dependencies.Select(d => FolderOf(d.Target)).OfType<string>().Where(to => to != from))
            {
                (uses.TryGetValue(from, out var set) ? set : uses[from] = []).Add(to);
            }
        }
        var cycles = uses.Keys.Where(folder => Reaches(uses, folder, folder, [])).Order(StringComparer.Ordinal).ToList();
        Assert.True(cycles.Count == 0, $"Folders that reach themselves through others: {string.Join(", ", cycles)} " +
            $"({string.Join("; ", cycles.Select(c => $"{c} uses {string.Join(", ", uses[c].Order(StringComparer.Ordinal))}"))})");
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> uses, string from, string target, HashSet<string> seen)
    {
        foreach (var next in uses.GetValueOrDefault(from) ?? [])
        {
            if (next == target || (seen.Add(next) && Reaches(uses, next, target, seen)))
            {
                return true;
            }
        }
        return false;
    }

    [Fact]
    public void Every_folder_of_the_engine_has_its_place_in_the_layers()
    {
        var placed = Layers.SelectMany(l => l).Select(f => $"{EngineNamespace}.{f}").ToHashSet(StringComparer.Ordinal);
        var unplaced = typeof(Engine.Server.ServerHome).Assembly.GetTypes()
            .Select(t => t.Namespace ?? "")
            .Where(n => n.StartsWith(EngineNamespace + ".", StringComparison.Ordinal))
            .Select(n => string.Join('.', n.Split('.').Take(3)))
            .Where(n => !placed.Contains(n))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(unplaced.Count == 0, $"Folders without a layer (add them to the list and to ARCHITECTURE §3): {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void The_engine_has_nothing_of_PowerShell()
    {
        var engine = typeof(Engine.Server.ServerHome).Assembly;
        // The compiler references an assembly only when the code uses a type of it.
        Assert.DoesNotContain(engine.GetReferencedAssemblies(), a => a.Name is "System.Management.Automation" or "Microsoft.PowerShell.SDK");
    }
}
