namespace VeeamConfigBackup.Engine.Notifications.Snmp;

/// <summary>
/// The OIDs of the traps this module sends, under Veeam's enterprise number. The product documents its traps only
/// as the VeeamBackup.mib file its console installs (user guide, "Specifying SNMP Settings"); the copies of that MIB
/// (VEEAM-MIB) that are public define <c>veeam</c> = 1.3.6.1.4.1.31023, <c>backup</c> = veeam.1.1, job, VM,
/// file-level-restore and download traps at backup.1.0.1 to .14 (<c>onBackupJobCompleted</c> is backup.1.0.1) and
/// their variables at backup.101 to .120. None of them is an Event Reference event such as 40700, and the MIB has no
/// event id, severity or parameter variables, so this module does not reuse them: it sends its events under an arc
/// of its own that VEEAM-MIB leaves unused, backup.2, and names every piece of an event there.
/// <code>
/// events                 1.3.6.1.4.1.31023.1.1.2
///   events.0.&lt;id&gt;         the trap (snmpTrapOID.0) of the event with that Event Reference id: 40700 is events.0.40700
///   events.1.1             eventInstanceId   Integer32, the event id again, for receivers that match on variables
///   events.1.2             eventName         OCTET STRING (UTF-8), the Event Reference name
///   events.1.3             eventSeverity     OCTET STRING: Info, Warning or Error
///   events.1.4             eventServerName   OCTET STRING, the server the event happened on
///   events.1.5             eventTime         OCTET STRING, UTC in RFC 3339 with milliseconds: 2025-11-03T08:00:37.272Z
///   events.1.6             eventDescription  OCTET STRING, the one-line description
///   events.1.7             eventParametersLeftOut  Integer32, only when parameters did not fit in the datagram
///   events.2.&lt;n&gt;          parameterName n   OCTET STRING, the n-th parameter's name (1-based, the documented order)
///   events.3.&lt;n&gt;          parameterValue n  OCTET STRING, its value
/// </code>
/// The notifications sit under a .0 arc as SMIv2 puts them (RFC 2578 §8.5) so that they translate to SNMPv1 traps and
/// back (RFC 3584 §3). These numbers are a published interface: receivers filter on them. Never renumber one; add.
/// </summary>
internal static class SnmpEventOids
{
    /// <summary>Veeam Software's IANA private enterprise number, 31023.</summary>
    public static readonly SnmpOid Veeam = SnmpOid.Parse("1.3.6.1.4.1.31023");

    public static readonly SnmpOid Events = Veeam.Append(1, 1, 2);

    public static readonly SnmpOid InstanceId = Events.Append(1, 1);
    public static readonly SnmpOid Name = Events.Append(1, 2);
    public static readonly SnmpOid Severity = Events.Append(1, 3);
    public static readonly SnmpOid ServerName = Events.Append(1, 4);
    public static readonly SnmpOid Time = Events.Append(1, 5);
    public static readonly SnmpOid Description = Events.Append(1, 6);
    public static readonly SnmpOid ParametersLeftOut = Events.Append(1, 7);

    /// <summary>The trap of one event id; ids are never negative in the Event Reference.</summary>
    public static SnmpOid Trap(int instanceId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(instanceId);
        return Events.Append(0, (uint)instanceId);
    }

    public static SnmpOid ParameterName(int position) => Events.Append(2, (uint)position);

    public static SnmpOid ParameterValue(int position) => Events.Append(3, (uint)position);
}
