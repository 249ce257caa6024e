using System.Text.Json;
using System.Text.Json.Serialization;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Engine.Backup;

/// <summary>
/// When the configuration backup job should run. Nothing here runs it: the schedule is stored and the next
/// run computed, and a scheduler (cron, Task Scheduler, a runbook) calls the job. Times are the server's local time.
/// </summary>
public sealed record ScheduleOptions
{
    public ScheduleType Type { get; init; } = ScheduleType.Daily;

    /// <summary>Time of day, local to the server.</summary>
    public TimeSpan TimeOfDay { get; init; } = new(10, 0, 0);

    /// <summary>Days a daily schedule runs on.</summary>
    public DayOfWeek[] DaysOfWeek { get; init; } = Enum.GetValues<DayOfWeek>();

    /// <summary>For a monthly schedule: which occurrence of <see cref="DayOfWeek"/> in the month.</summary>
    public WeekOfMonth WeekOfMonth { get; init; } = WeekOfMonth.Fourth;

    /// <summary>For a monthly schedule: the weekday.</summary>
    public DayOfWeek DayOfWeek { get; init; } = DayOfWeek.Saturday;

    /// <summary>The product's defaults: daily at 10:00, or monthly at 22:00 on the fourth Saturday.</summary>
    public static ScheduleOptions Default(ScheduleType type) => type == ScheduleType.Daily
        ? new ScheduleOptions()
        : new ScheduleOptions { Type = ScheduleType.Monthly, TimeOfDay = new TimeSpan(22, 0, 0) };

    public ScheduleOptions Validated()
    {
        if (TimeOfDay < TimeSpan.Zero || TimeOfDay >= TimeSpan.FromDays(1))
        {
            throw new ConfigBackupException("InvalidSchedule", ErrorKind.InvalidArgument, $"The time of day {TimeOfDay} is not between 00:00:00 and 23:59:59.");
        }
        if (Type == ScheduleType.Daily && DaysOfWeek.Length == 0)
        {
            throw new ConfigBackupException("InvalidSchedule", ErrorKind.InvalidArgument, "A daily schedule needs at least one day of the week.");
        }
        return this with { DaysOfWeek = DaysOfWeek.Distinct().Order().ToArray() };
    }

    /// <summary>The first run strictly after <paramref name="afterUtc"/>.</summary>
    public DateTimeOffset NextRunAfter(DateTimeOffset afterUtc, TimeZoneInfo zone)
    {
        var localToday = TimeZoneInfo.ConvertTime(afterUtc, zone).Date;
        for (var day = 0; day < 400; day++)
        {
            var date = localToday.AddDays(day);
            if (!Matches(date))
            {
                continue;
            }
            var utc = RunOn(date, zone);
            if (utc > afterUtc)
            {
                return utc;
            }
        }
        throw new InvalidOperationException("No run found within 400 days.");
    }

    /// <summary>The last scheduled run at or before <paramref name="atUtc"/>, or null when none falls in the 400 days before it.</summary>
    internal DateTimeOffset? LastRunAtOrBefore(DateTimeOffset atUtc, TimeZoneInfo zone)
    {
        var localToday = TimeZoneInfo.ConvertTime(atUtc, zone).Date;
        for (var day = 0; day < 400; day++)
        {
            var date = localToday.AddDays(-day);
            if (Matches(date) && RunOn(date, zone) is var utc && utc <= atUtc)
            {
                return utc;
            }
        }
        return null;
    }

    /// <summary>The moment of the run on a matching local date.</summary>
    private DateTimeOffset RunOn(DateTime date, TimeZoneInfo zone)
    {
        var local = date + TimeOfDay;
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1); // skipped by a daylight-saving change: run at the first valid moment
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private bool Matches(DateTime date)
    {
        if (Type == ScheduleType.Daily)
        {
            return DaysOfWeek.Contains(date.DayOfWeek);
        }
        if (date.DayOfWeek != DayOfWeek)
        {
            return false;
        }
        return WeekOfMonth == WeekOfMonth.Last
            ? date.AddDays(7).Month != date.Month
            : (date.Day - 1) / 7 == (int)WeekOfMonth;
    }

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    internal string ToJson() => JsonSerializer.Serialize(this, Json);

    internal static ScheduleOptions FromJson(string json) => JsonSerializer.Deserialize<ScheduleOptions>(json, Json) ?? new ScheduleOptions();

    /// <summary>The longest time the schedule leaves between two runs (a Monday-to-Friday schedule: three days).</summary>
    internal TimeSpan LongestGap()
    {
        if (Type == ScheduleType.Monthly)
        {
            return TimeSpan.FromDays(35); // the same weekday of consecutive months can be five weeks apart
        }
        var days = DaysOfWeek.Select(d => (int)d).Distinct().Order().ToList();
        if (days.Count == 0)
        {
            return TimeSpan.FromDays(7);
        }
        var gaps = days.Zip(days.Skip(1).Append(days[0] + 7), (a, b) => b - a);
        return TimeSpan.FromDays(gaps.Max());
    }

    public override string ToString() => Type == ScheduleType.Daily
        ? $"Daily at {TimeOfDay:hh\\:mm} on {(DaysOfWeek.Length == 7 ? "every day" : string.Join(", ", DaysOfWeek))}"
        : $"Monthly at {TimeOfDay:hh\\:mm} on the {WeekOfMonth.ToString().ToLowerInvariant()} {DayOfWeek}";
}
