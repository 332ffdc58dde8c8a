using Todo.Domain;

namespace TodoWorker.Tests;

public sealed class RetentionPolicyTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-01T12:00:00Z", null);
    private static readonly RetentionPolicy Policy = new(TimeSpan.FromHours(24));

    [Fact]
    public void ACompletedTodoExpiresExactlyAtTheEndOfRetention() =>
        Policy.IsExpired(new TodoItem(1, "x", true, Now.AddDays(-2), Now.AddHours(-24)), Now).ShouldBeTrue();

    [Fact]
    public void ARecentlyCompletedTodoIsKept() =>
        Policy.IsExpired(new TodoItem(1, "x", true, Now.AddDays(-2), Now.AddHours(-23)), Now).ShouldBeFalse();

    [Fact]
    public void AnOpenTodoNeverExpires() =>
        Policy.IsExpired(new TodoItem(1, "x", false, Now.AddYears(-1), null), Now).ShouldBeFalse();
}
