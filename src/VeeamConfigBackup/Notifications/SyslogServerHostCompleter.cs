using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace VeeamConfigBackup.Commands.Notifications;

/// <summary>
/// Completes the host names of the connected server's syslog servers, quoted where needed. Tab never opens a server:
/// without a connection there is nothing to offer (opening the default home could create one).
/// </summary>
public sealed class SyslogServerHostCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var server = Common.ServerConnections.Peek();
        if (server is null)
        {
            return [];
        }
        var typed = wordToComplete.Trim('\'', '"');
        var pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
        try
        {
            // One host may have several servers (ports, protocols): offer it once, with all of them in the tooltip.
            return server.NotificationSettings.ListSyslogServers()
                .Where(s => pattern.IsMatch(s.ServerHost))
                .GroupBy(s => s.ServerHost, StringComparer.OrdinalIgnoreCase)
                .Select(g => new CompletionResult(Quote(WildcardPattern.Escape(g.Key)), g.Key, CompletionResultType.ParameterValue,
                    "syslog " + string.Join(", ", g.Select(s => $"{s.Protocol.ToString().ToLowerInvariant()}://{s.ServerHost}:{s.Port}"))))
                .ToList();
        }
        catch (Engine.Errors.ConfigBackupException)
        {
            return []; // a database that cannot be read now offers nothing on Tab; the command itself will say why
        }
    }

    // -ServerHost takes wildcards: an IPv6 literal in brackets is escaped above, and the backticks need quotes.
    private static string Quote(string host) =>
        host.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`' or ';' or '(' or ')' or '{' or '}' or ',' or '@' or '#')
            ? "'" + host.Replace("'", "''") + "'"
            : host;
}
