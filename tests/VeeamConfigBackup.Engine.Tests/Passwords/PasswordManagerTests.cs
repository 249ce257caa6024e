using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Passwords;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Passwords;

public sealed class PasswordManagerTests
{
    private const string Strong = "Correct-Horse-Battery-42";

    [Fact]
    public void Added_password_is_listed_without_its_value_and_verifies()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var change = home.Passwords.Add(TestSecrets.Secure(Strong), "  stable hint  ", "for config backups");
        Assert.Equal(PasswordWeakness.None, change.Weakness);
        var listed = Assert.Single(home.Passwords.List());
        Assert.Equal("stable hint", listed.Hint);
        Assert.Equal("for config backups", listed.Description);
        Assert.Equal(change.Record.CreatedUtc, listed.CreatedUtc);
        Assert.Equal(change.Record.ModifiedUtc, listed.ModifiedUtc);
        Assert.InRange(temp.Clock.GetUtcNow() - listed.CreatedUtc, TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        Assert.Empty(listed.UsedBy);
        Assert.True(home.Passwords.Verify(listed.Id, TestSecrets.Secure(Strong)));
        Assert.False(home.Passwords.Verify(listed.Id, TestSecrets.Secure(Strong + "x")));
        Assert.False(home.Passwords.Verify(listed.Id, TestSecrets.Secure(Strong.ToUpperInvariant())));
    }

    [Theory]
    [InlineData("short1A", PasswordWeakness.ShorterThan12)]
    [InlineData("alllowercase123", PasswordWeakness.NoUpperCase)]
    [InlineData("ALLUPPERCASE123", PasswordWeakness.NoLowerCase)]
    [InlineData("NoDigitsAtAllHere", PasswordWeakness.NoDigit)]
    [InlineData("abc", PasswordWeakness.ShorterThan12 | PasswordWeakness.NoUpperCase | PasswordWeakness.NoDigit)]
    public void Weak_passwords_are_accepted_and_flagged(string password, PasswordWeakness expected)
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var change = home.Passwords.Add(TestSecrets.Secure(password), "some hint");
        Assert.Equal(expected, change.Weakness);
        Assert.Single(home.Passwords.List());
        Assert.DoesNotContain(password, PasswordStrength.Describe(expected));
    }

    [Theory]
    [InlineData("my pass is Correct-Horse-Battery-42!")]
    [InlineData("CORRECT-HORSE-BATTERY-42")]
    public void A_hint_containing_the_password_is_rejected(string hint)
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var ex = Assert.Throws<ConfigBackupException>(() => home.Passwords.Add(TestSecrets.Secure(Strong), hint));
        Assert.Equal("HintContainsPassword", ex.ErrorId);
        Assert.DoesNotContain(Strong, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(home.Passwords.List());
    }

    [Fact]
    public void Changing_the_password_is_checked_against_the_existing_hint()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var record = home.Passwords.Add(TestSecrets.Secure(Strong), "blue sky 2026").Record;
        var ex = Assert.Throws<ConfigBackupException>(() => home.Passwords.Update(record.Id, TestSecrets.Secure("sky"), null, null));
        Assert.Equal("HintContainsPassword", ex.ErrorId);
        Assert.True(home.Passwords.Verify(record.Id, TestSecrets.Secure(Strong)));
    }

    [Fact]
    public void Empty_password_and_blank_hint_are_rejected()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        Assert.Equal("EmptySecret", Assert.Throws<ConfigBackupException>(() => home.Passwords.Add(TestSecrets.Secure(""), "hint")).ErrorId);
        Assert.Equal("EmptySecret", Assert.Throws<ConfigBackupException>(() => home.Passwords.Add(null!, "hint")).ErrorId);
        Assert.Equal("HintRequired", Assert.Throws<ConfigBackupException>(() => home.Passwords.Add(TestSecrets.Secure(Strong), "  ")).ErrorId);
        Assert.Empty(home.Passwords.List());
    }

    [Fact]
    public void Hints_are_unique_ignoring_case()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        home.Passwords.Add(TestSecrets.Secure(Strong), "Office");
        var ex = Assert.Throws<RecordConflictException>(() => home.Passwords.Add(TestSecrets.Secure(Strong + "2"), "office"));
        Assert.Equal("PasswordAlreadyExists", ex.ErrorId);
    }

    [Fact]
    public void Update_changes_password_hint_and_modification_time_but_not_creation_time()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var record = home.Passwords.Add(TestSecrets.Secure(Strong), "old hint").Record;
        temp.Clock.Advance(TimeSpan.FromHours(1));
        var updated = home.Passwords.Update(record.Id, TestSecrets.Secure("New-Password-2027"), "new hint", "changed").Record;
        Assert.Equal(record.CreatedUtc, updated.CreatedUtc);
        Assert.Equal(record.CreatedUtc + TimeSpan.FromHours(1), updated.ModifiedUtc);
        var listed = home.Passwords.Get(record.Id);
        Assert.Equal("new hint", listed.Hint);
        Assert.Equal("changed", listed.Description);
        Assert.True(home.Passwords.Verify(record.Id, TestSecrets.Secure("New-Password-2027")));
        Assert.False(home.Passwords.Verify(record.Id, TestSecrets.Secure(Strong)));
    }

    [Fact]
    public void Update_of_hint_only_keeps_the_password()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var record = home.Passwords.Add(TestSecrets.Secure(Strong), "old hint").Record;
        home.Passwords.Update(record.Id, null, "new hint", null);
        Assert.True(home.Passwords.Verify(record.Id, TestSecrets.Secure(Strong)));
    }

    [Fact]
    public void Remove_and_not_found()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var record = home.Passwords.Add(TestSecrets.Secure(Strong), "hint").Record;
        home.Passwords.Remove(record.Id);
        Assert.Empty(home.Passwords.List());
        Assert.Equal("PasswordNotFound", Assert.Throws<RecordNotFoundException>(() => home.Passwords.Remove(record.Id)).ErrorId);
        Assert.Equal("PasswordNotFound", Assert.Throws<RecordNotFoundException>(() => home.Passwords.Verify(record.Id, TestSecrets.Secure(Strong))).ErrorId);
    }

    [Fact]
    public void Fifteen_failures_within_a_minute_block_verification_for_five_minutes()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var record = home.Passwords.Add(TestSecrets.Secure(Strong), "hint").Record;
        for (var i = 0; i < VerificationThrottle.MaxFailures - 1; i++)
        {
            Assert.False(home.Passwords.Verify(record.Id, TestSecrets.Secure("wrong")));
            temp.Clock.Advance(TimeSpan.FromSeconds(2));
        }
        // The 14th failure does not block yet: the right password still verifies.
        Assert.True(home.Passwords.Verify(record.Id, TestSecrets.Secure(Strong)));
        Assert.False(home.Passwords.Verify(record.Id, TestSecrets.Secure("wrong")));

        var blocked = Assert.Throws<VerificationBlockedException>(() => home.Passwords.Verify(record.Id, TestSecrets.Secure(Strong)));
        Assert.Equal("PasswordVerificationBlocked", blocked.ErrorId);
        Assert.InRange(blocked.BlockedUntilUtc - temp.Clock.GetUtcNow(), VerificationThrottle.BlockDuration - TimeSpan.FromMilliseconds(1), VerificationThrottle.BlockDuration);

        temp.Clock.Advance(VerificationThrottle.BlockDuration - TimeSpan.FromSeconds(1));
        Assert.Throws<VerificationBlockedException>(() => home.Passwords.Verify(record.Id, TestSecrets.Secure(Strong)));
        temp.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(home.Passwords.Verify(record.Id, TestSecrets.Secure(Strong)));
    }

    [Fact]
    public void Failures_spread_over_more_than_a_minute_do_not_block()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var record = home.Passwords.Add(TestSecrets.Secure(Strong), "hint").Record;
        for (var i = 0; i < 30; i++)
        {
            Assert.False(home.Passwords.Verify(record.Id, TestSecrets.Secure("wrong")));
            temp.Clock.Advance(TimeSpan.FromSeconds(5)); // 12 per minute
        }
        Assert.True(home.Passwords.Verify(record.Id, TestSecrets.Secure(Strong)));
    }

    [Fact]
    public void The_block_holds_across_sessions_on_the_same_home()
    {
        using var temp = new TempHome();
        Guid id;
        using (var first = temp.Open())
        {
            id = first.Passwords.Add(TestSecrets.Secure(Strong), "hint").Record.Id;
            for (var i = 0; i < 8; i++)
            {
                first.Passwords.Verify(id, TestSecrets.Secure("wrong"));
            }
        }
        using var second = temp.Open();
        using var third = temp.Open();
        for (var i = 0; i < 7; i++)
        {
            (i % 2 == 0 ? second : third).Passwords.Verify(id, TestSecrets.Secure("wrong"));
        }
        Assert.Throws<VerificationBlockedException>(() => second.Passwords.Verify(id, TestSecrets.Secure(Strong)));
        Assert.Throws<VerificationBlockedException>(() => third.Passwords.Verify(id, TestSecrets.Secure(Strong)));
    }

    [Fact]
    public void Racing_sessions_get_no_more_than_fifteen_comparisons_between_them()
    {
        using var temp = new TempHome();
        Guid id;
        using (var home = temp.Open())
        {
            id = home.Passwords.Add(TestSecrets.Secure(Strong), "hint").Record.Id;
        }
        Assert.Equal(VerificationThrottle.MaxFailures, RacingVerifications.WrongGuessesCompared(() => temp.Open(), id));
        using var after = temp.Open();
        Assert.Throws<VerificationBlockedException>(() => after.Passwords.Verify(id, TestSecrets.Secure(Strong)));
    }

    [Fact]
    public void A_right_password_does_not_count_as_a_failure()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var id = home.Passwords.Add(TestSecrets.Secure(Strong), "hint").Record.Id;
        for (var i = 0; i < 40; i++)
        {
            Assert.True(home.Passwords.Verify(id, TestSecrets.Secure(Strong)));
        }
        for (var i = 0; i < VerificationThrottle.MaxFailures - 1; i++)
        {
            Assert.False(home.Passwords.Verify(id, TestSecrets.Secure("wrong")));
        }
        Assert.True(home.Passwords.Verify(id, TestSecrets.Secure(Strong)));
    }
}
