using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace VeeamConfigBackup.Engine.Protection;

/// <summary>
/// Stores Data Protection keys as files readable by the owner only (0600 in a 0700 folder on Unix),
/// written to a temporary name and renamed so a crash never leaves half a key behind.
/// </summary>
internal sealed class OwnerOnlyXmlRepository : IXmlRepository
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly DirectoryInfo _directory;

    public OwnerOnlyXmlRepository(DirectoryInfo directory)
    {
        _directory = directory;
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        if (!_directory.Exists)
        {
            return [];
        }
        return _directory.EnumerateFiles("*.xml")
            .Select(f => XElement.Load(f.FullName))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        PrivateDirectory.Ensure(_directory.FullName);
        var safeName = string.Concat(friendlyName.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
        var finalPath = Path.Combine(_directory.FullName, safeName + ".xml");
        var tempPath = Path.Combine(_directory.FullName, $".{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }
        using (var stream = new FileStream(tempPath, options))
        {
            element.Save(stream);
            stream.Flush(flushToDisk: true);
        }
        File.Move(tempPath, finalPath, overwrite: false);
    }
}
