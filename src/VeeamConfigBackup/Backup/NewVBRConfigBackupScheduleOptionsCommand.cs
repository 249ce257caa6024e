using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Backup;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Commands.Backup;

/// <summary>Makes a schedule for Set-VBRConfigBackupJob: daily (default 10:00, every day) or monthly (default 22:00 on the fourth Saturday).</summary>
[Cmdlet(VerbsCommon.New, "VBRConfigBackupScheduleOptions")]
[OutputType(typeof(ScheduleOptions))]
public sealed class NewVBRConfigBackupScheduleOptionsCommand : VbrCmdlet
{
    [Parameter(Position = 0)]
    public ScheduleType Type { get; set; } = ScheduleType.Daily;

    /// <summary>Time of day in the server's local time, for example '10:00' or '22:30'.</summary>
    [Parameter]
    public TimeSpan? TimeOfDay { get; set; }

    /// <summary>Days of the week a daily schedule runs on (default: every day).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public DayOfWeek[]? DaysOfWeek { get; set; }

    /// <summary>For a monthly schedule: which occurrence of -DayOfWeek (First, Second, Third, Fourth, Last).</summary>
    [Parameter]
    public WeekOfMonth? WeekOfMonth { get; set; }

    /// <summary>For a monthly schedule: the weekday.</summary>
    [Parameter]
    public DayOfWeek? DayOfWeek { get; set; }

    protected override void End()
    {
        if (Type == ScheduleType.Daily && (WeekOfMonth is not null || DayOfWeek is not null))
        {
            ThrowTerminatingError(ErrorRecords.Create("InvalidSchedule", ErrorKind.InvalidArgument,
                "-WeekOfMonth and -DayOfWeek are for a monthly schedule; a daily one takes -DaysOfWeek.", Type));
        }
        if (Type == ScheduleType.Monthly && DaysOfWeek is not null)
        {
            ThrowTerminatingError(ErrorRecords.Create("InvalidSchedule", ErrorKind.InvalidArgument,
                "-DaysOfWeek is for a daily schedule; a monthly one takes -WeekOfMonth and -DayOfWeek.", Type));
        }
        var defaults = ScheduleOptions.Default(Type);
        try
        {
            WriteRecord((defaults with
            {
                TimeOfDay = TimeOfDay ?? defaults.TimeOfDay,
                DaysOfWeek = DaysOfWeek ?? defaults.DaysOfWeek,
                WeekOfMonth = WeekOfMonth ?? defaults.WeekOfMonth,
                DayOfWeek = DayOfWeek ?? defaults.DayOfWeek,
            }).Validated());
        }
        catch (ConfigBackupException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, TimeOfDay));
        }
    }
}
