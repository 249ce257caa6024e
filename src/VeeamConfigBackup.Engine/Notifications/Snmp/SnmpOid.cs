using System.Globalization;

namespace VeeamConfigBackup.Engine.Notifications.Snmp;

/// <summary>
/// An OBJECT IDENTIFIER as SNMP limits it (RFC 2578 §3.5, §7.1.3): 2 to 128 sub-identifiers, each 0..2^32-1, the
/// first two as X.690 allows them (0, 1 or 2, then below 40 unless the first is 2) because BER packs them into one.
/// </summary>
internal sealed class SnmpOid : IEquatable<SnmpOid>
{
    private const int MaxArcs = 128;
    private readonly uint[] _arcs;

    public SnmpOid(params uint[] arcs)
    {
        if (arcs.Length is < 2 or > MaxArcs)
        {
            throw new ArgumentException($"An OID has 2 to {MaxArcs} sub-identifiers, not {arcs.Length}.", nameof(arcs));
        }
        if (arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40) || (arcs[0] == 2 && arcs[1] > uint.MaxValue - 80))
        {
            throw new ArgumentException($"{arcs[0]}.{arcs[1]} cannot start an OID.", nameof(arcs));
        }
        _arcs = (uint[])arcs.Clone();
    }

    /// <summary>Dotted decimal, with or without the leading dot Net-SNMP prints.</summary>
    public static SnmpOid Parse(string dotted)
    {
        var parts = dotted.TrimStart('.').Split('.');
        var arcs = new uint[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!uint.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out arcs[i]))
            {
                throw new FormatException($"'{dotted}' is not a dotted-decimal OID.");
            }
        }
        return new SnmpOid(arcs);
    }

    public IReadOnlyList<uint> Arcs => _arcs;

    /// <summary>This OID with more sub-identifiers after it: a column and a row, a trap under its arc.</summary>
    public SnmpOid Append(params uint[] more) => new([.. _arcs, .. more]);

    public override string ToString() => string.Join('.', _arcs);

    public bool Equals(SnmpOid? other) => other is not null && _arcs.AsSpan().SequenceEqual(other._arcs);

    public override bool Equals(object? obj) => Equals(obj as SnmpOid);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var arc in _arcs)
        {
            hash.Add(arc);
        }
        return hash.ToHashCode();
    }
}
