using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace VeeamConfigBackup.Commands.Common;

/// <summary>
/// Completes repository names of the connected server, quoted where they hold spaces. Tab never opens a server: without
/// a connection there is nothing to offer (opening the default home could create one).
/// </summary>
public class RepositoryNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var server = ServerConnections.Peek();
        if (server is null)
        {
            return [];
        }
        var typed = wordToComplete.Trim('\'', '"');
        var pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
        try
        {
            return server.Repositories.List()
                .Where(r => Offers(r) && pattern.IsMatch(r.Name))
                .Select(r => new CompletionResult(Quote(r.Name), r.Name, CompletionResultType.ParameterValue, $"{r.Type} repository at {r.Path}"))
                .ToList();
        }
        catch (Engine.Errors.ConfigBackupException)
        {
            return []; // a database that cannot be read now offers nothing on Tab; the command itself will say why
        }
    }

    /// <summary>Which repositories the parameter can take.</summary>
    protected virtual bool Offers(Engine.Repositories.BackupRepository repository) => true;

    private static string Quote(string name) =>
        name.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`' or ';' or '(' or ')' or '{' or '}' or ',' or '@' or '#')
            ? "'" + name.Replace("'", "''") + "'"
            : name;
}
