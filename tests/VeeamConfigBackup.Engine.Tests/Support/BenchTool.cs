namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>The benchmark tool, built beside the tests: tests run restores in it so that they can kill the process.</summary>
internal static class BenchTool
{
    public static string Path
    {
        get
        {
            // tests/VeeamConfigBackup.Engine.Tests/bin/<Configuration>/net10.0/ → tests/VeeamConfigBackup.Benchmarks/bin/<Configuration>/net10.0/
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
            var configuration = output.Parent!.Name;
            var tests = output.Parent!.Parent!.Parent!.Parent!.FullName;
            var tool = System.IO.Path.Combine(tests, "VeeamConfigBackup.Benchmarks", "bin", configuration, output.Name, "VeeamConfigBackup.Benchmarks.dll");
            Assert.True(File.Exists(tool), $"The benchmark tool is not built at {tool}.");
            return tool;
        }
    }
}
