using Shipyard.Delivery.Notifications;
using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.Notifications;

/// <summary>The bot-token and webhook modes against the fake Slack: one parent per service, edited in place, details in its thread.</summary>
public sealed class SlackNotifierTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private readonly StringWriter _log = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _slack = await FakeSlackApi.StartAsync();

    public async ValueTask DisposeAsync() => await _slack.DisposeAsync();

    private INotifier Bot() =>
        Notifiers.Slack(new SlackSettings { BotToken = _slack.Token, ApiUrl = _slack.ApiUrl }, _log, s => s, new TestClock());

    [Fact]
    public async Task ASucceededDeployIsOneParentPostedAtTheStartAndUpdatedInPlaceWithTheStagesInItsThread()
    {
        var slack = Bot();

        await slack.StartedAsync(Deliveries.Run, Deliveries.Started(), Ct);
        await slack.FinishedAsync(Deliveries.Report(Deliveries.Succeeded()), Ct);

        var parent = _slack.Parents.ShouldHaveSingleItem();
        parent.Channel.ShouldBe("C0BUILDS");
        parent.History.Count.ShouldBe(2, "posted once, updated once");
        parent.History[0]["text"]!.GetValue<string>().ShouldBe(":rocket: todo-api 1.4.2 deploying to production");
        parent.Text.ShouldBe(":white_check_mark: todo-api 1.4.2 deploy to production succeeded");
        parent.Blocks.ShouldContain("*Service*\\ntodo-api");
        parent.Blocks.ShouldContain("*Version*\\n`1.4.2` · `abcdef123456`");
        parent.Blocks.ShouldContain("*Duration*\\n1:23");
        parent.Blocks.ShouldContain("<https://github.com/acme/todo-platform/actions/runs/987654|Run 987654>");
        parent.Blocks.ShouldContain($"<https://github.com/acme/todo-platform/commit/{Deliveries.Sha}|Commit 1a2b3c4>");
        var replies = _slack.RepliesTo(parent);
        replies.Count.ShouldBe(2);
        replies[0].Blocks.ShouldContain(":white_check_mark: *Verify* Succeeded in 0:22");
        replies[1].Blocks.ShouldContain("*Argo CD revision*\\n`9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e`");
        _slack.Calls.Select(c => c.Path).ShouldBe(["/api/chat.postMessage", "/api/chat.update", "/api/chat.postMessage", "/api/chat.postMessage"]);
        _slack.Calls.ShouldAllBe(c => c.Authorization == "Bearer xoxb-test-token");
        _log.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task AFailedDeployThatWasRolledBackEndsAsOneParentShowingTheRollbackWithTheErrorInItsThread()
    {
        var slack = Bot();

        await slack.StartedAsync(Deliveries.Run, Deliveries.Started(), Ct);
        await slack.UpdatedAsync(Deliveries.Run, Deliveries.Failed(), Ct);
        await slack.FinishedAsync(Deliveries.Report(Deliveries.RolledBack()), Ct);

        var parent = _slack.Parents.ShouldHaveSingleItem();
        parent.History.Select(h => h["text"]!.GetValue<string>()).ShouldBe([
            ":rocket: todo-api 1.4.2 deploying to production",
            ":x: todo-api 1.4.2 failed at Verify",
            ":leftwards_arrow_with_hook: todo-api 1.4.2 failed at Verify, rolled back to 1.4.1",
        ]);
        parent.Blocks.ShouldContain("*Status*\\nRolled back");
        parent.Blocks.ShouldContain("*Duration*\\n2:11");
        parent.Blocks.ShouldContain("*Failed at Verify*\\n```pod todo-api-7c9f-x2x is in CrashLoopBackOff");
        var replies = _slack.RepliesTo(parent);
        replies[0].Blocks.ShouldContain(":x: *Verify* Failed in 0:41 · CrashLoopBackOff");
        replies[0].Blocks.ShouldContain(":white_check_mark: *Rollback* Succeeded in 0:36 · reverted to 1.4.1");
        replies[1].Blocks.ShouldContain("*Rolled back to* `1.4.1`");
        replies[1].Blocks.ShouldContain("CrashLoopBackOff");
    }

    [Fact]
    public async Task AServiceThatWasOnlyBuiltGetsItsOneMessageWhenTheRunEnds()
    {
        await Bot().FinishedAsync(Deliveries.Report(Deliveries.BuiltOnly()), Ct);

        var parent = _slack.Parents.ShouldHaveSingleItem();
        parent.History.Count.ShouldBe(1);
        parent.Text.ShouldBe(":white_check_mark: todo-worker 1.4.2 built");
        parent.Blocks.ShouldContain("*Strategy*\\nbuild only");
    }

    [Fact]
    public async Task ServicesDeployingInParallelEachKeepTheirOwnParentAndThread()
    {
        var slack = Bot();

        await Task.WhenAll(
            slack.StartedAsync(Deliveries.Run, Deliveries.Started("todo-api"), Ct),
            slack.StartedAsync(Deliveries.Run, Deliveries.Started("todo-worker", "ssm"), Ct));
        await slack.FinishedAsync(Deliveries.Report(Deliveries.Succeeded("todo-api"), Deliveries.RolledBack("todo-worker")), Ct);

        _slack.Parents.Count.ShouldBe(2);
        var api = _slack.Parents.Single(p => p.Text.Contains("todo-api"));
        var worker = _slack.Parents.Single(p => p.Text.Contains("todo-worker"));
        api.Text.ShouldContain("deploy to production succeeded");
        worker.Text.ShouldContain("rolled back to 1.4.1");
        _slack.RepliesTo(api).ShouldAllBe(r => !r.Blocks.Contains("todo-worker"));
        _slack.RepliesTo(worker).Count.ShouldBe(2);
    }

    [Fact]
    public async Task WithAWebhookEachServiceGetsOneFinalMessageAndNothingIsPostedBefore()
    {
        var slack = Notifiers.Slack(new SlackSettings { WebhookUrl = _slack.WebhookUrl.ToString() }, _log, s => s, new TestClock());

        await slack.StartedAsync(Deliveries.Run, Deliveries.Started(), Ct);
        _slack.Calls.ShouldBeEmpty();
        await slack.FinishedAsync(Deliveries.Report(Deliveries.RolledBack("todo-api"), Deliveries.Succeeded("todo-worker")), Ct);

        var posts = _slack.WebhookPosts;
        posts.Count.ShouldBe(2, _log.ToString());
        posts[0]["text"]!.GetValue<string>().ShouldBe(":leftwards_arrow_with_hook: todo-api 1.4.2 failed at Verify, rolled back to 1.4.1");
        posts[0]["blocks"]!.ToJsonString(Shipyard.Delivery.Notifications.SlackMessages.Wire).ShouldContain("*Rolled back to* `1.4.1`");
        posts[1]["text"]!.GetValue<string>().ShouldBe(":white_check_mark: todo-worker 1.4.2 deploy to production succeeded");
        posts.ShouldAllBe(p => p["channel"] == null && p["thread_ts"] == null);
        _slack.Calls.ShouldAllBe(c => c.Authorization.Length == 0);
        _log.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task WithNothingConfiguredSlackSaysOnceThatItIsOff()
    {
        var slack = Notifiers.Slack(new SlackSettings(), _log, s => s, new TestClock());

        await slack.StartedAsync(Deliveries.Run, Deliveries.Started(), Ct);
        await slack.FinishedAsync(Deliveries.Report(Deliveries.Succeeded()), Ct);

        _log.ToString().ShouldBe($"Slack notifications are off: no Slack bot token or webhook is set{Environment.NewLine}");
        _slack.Calls.ShouldBeEmpty();
    }
}
