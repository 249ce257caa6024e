using VeeamConfigBackup.Engine.Notifications.Mail;

namespace VeeamConfigBackup.Engine.Tests.Notifications;

public sealed class SubjectTemplateTests
{
    private static readonly KeyValuePair<string, string>[] Parameters =
    [
        new("JobName", "Config Backup"),
        new("JobResult", "Warning"),
        new("ObjectCount", "1"),
        new("Issues", "1 warning"),
    ];

    [Fact]
    public void The_default_subject_puts_the_result_before_the_job()
    {
        Assert.Equal("[%JobResult%] %JobName%", SubjectTemplate.Default);
        Assert.Equal("[Warning] Config Backup", SubjectTemplate.Expand(SubjectTemplate.Default, Parameters));
    }

    [Fact]
    public void The_products_job_subject_expands_every_variable()
    {
        Assert.Equal("[Warning] Config Backup (1 objects) 1 warning",
            SubjectTemplate.Expand("[%JobResult%] %JobName% (%ObjectCount% objects) %Issues%", Parameters));
    }

    [Fact]
    public void Unknown_variables_and_lone_percent_signs_stay_as_written()
    {
        Assert.Equal("100% done: [Warning] %JobNmae% %Time% %% 50%",
            SubjectTemplate.Expand("100% done: [%JobResult%] %JobNmae% %Time% %% 50%", Parameters));
    }

    [Fact]
    public void Variable_names_ignore_case_and_the_first_parameter_of_a_name_wins()
    {
        KeyValuePair<string, string>[] twice = [new("JobName", "first"), new("jobname", "second")];
        Assert.Equal("first first", SubjectTemplate.Expand("%jobname% %JOBNAME%", twice));
    }

    [Fact]
    public void A_value_cannot_break_the_subject_into_another_header_line()
    {
        KeyValuePair<string, string>[] evil = [new("JobName", "Nightly\r\nBcc: attacker@example.test")];
        var subject = SubjectTemplate.Expand("[x] %JobName%", evil);
        Assert.Equal("[x] Nightly  Bcc: attacker@example.test", subject);
        Assert.DoesNotContain('\n', subject);
    }

    [Fact]
    public void A_value_is_inserted_literally_even_when_it_looks_like_a_variable()
    {
        KeyValuePair<string, string>[] nested = [new("JobName", "%JobResult%"), new("JobResult", "Failed")];
        Assert.Equal("%JobResult% Failed", SubjectTemplate.Expand("%JobName% %JobResult%", nested));
    }
}
