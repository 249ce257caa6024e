namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>
/// Which e-mail addresses the settings take: one mailbox with a local part and a domain ("Name &lt;box@domain&gt;" too).
/// MIME's own parser also takes a bare word, which would be a local name on the SMTP server and is almost always a typo.
/// </summary>
public static class MailAddressRule
{
    public static bool IsValid(string? address) =>
        address is not null && MimeKit.MailboxAddress.TryParse(address, out var mailbox) &&
        mailbox.Address.IndexOf('@') is > 0 and var at && at < mailbox.Address.Length - 1 && !mailbox.Address.Contains(' ');
}
