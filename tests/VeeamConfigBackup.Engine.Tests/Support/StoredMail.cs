using MimeKit;

namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>A message as the sink stored it: parsed, raw, and its envelope.</summary>
internal sealed record StoredMail(MimeMessage Message, byte[] Raw, string MailFrom, IReadOnlyList<string> RcptTo, string? AuthenticatedUser, int Port);
