namespace VeeamConfigBackup.Engine.Backup;

public enum ScheduleType
{
    Daily,
    Monthly,
}
