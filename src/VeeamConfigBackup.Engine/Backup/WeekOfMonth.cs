namespace VeeamConfigBackup.Engine.Backup;

/// <summary>Which occurrence of a weekday in a month a monthly schedule runs on.</summary>
public enum WeekOfMonth
{
    First,
    Second,
    Third,
    Fourth,
    Last,
}
