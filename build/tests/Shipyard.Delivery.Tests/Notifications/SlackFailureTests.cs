using Shipyard.Delivery.Notifications;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Tests.Infrastructure;

namespace Shipyard.Delivery.Tests.Notifications;

/// <summary>
/// Slack refusing, rate limiting, failing or hanging never throws out of the notifier: one warning says why, and the
/// number of requests stays bounded (Slack goes quiet for the rest of the run instead of failing once per message).
/// </summary>
[Trait("Reliability", "faults")]
public sealed class SlackFailureTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private readonly StringWriter _log = new();
    private readonly TestClock _clock = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _slack = await FakeSlackApi.StartAsync();

    public async ValueTask DisposeAsync() => await _slack.DisposeAsync();

    private INotifier Bot(string? token = null, string channel = "#builds", TimeSpan? timeout = null, int attempts = 3, TimeSpan? budget = null, Uri? api = null) =>
        Notifiers.Slack(new SlackSettings
        {
            BotToken = token ?? _slack.Token,
            Channel = channel,
            ApiUrl = api ?? _slack.ApiUrl,
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
            MaxAttempts = attempts,
            MaxRetryWait = budget ?? TimeSpan.FromSeconds(30),
        }, _log, s => s, _clock);

    /// <summary>Two services start, then the run ends: the whole sequence a run would send.</summary>
    private static async Task RunAsync(INotifier slack)
    {
        await slack.StartedAsync(Deliveries.Run, Deliveries.Started("todo-api"), Ct);
        await slack.StartedAsync(Deliveries.Run, Deliveries.Started("todo-worker"), Ct);
        await slack.FinishedAsync(Deliveries.Report(Deliveries.Succeeded("todo-api"), Deliveries.RolledBack("todo-worker")), Ct);
    }

    private string[] Warnings => [.. _log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)];

    [Fact]
    public async Task AWrongTokenIsOneWarningSayingSlackRefusedItAndNoFurtherRequests()
    {
        await RunAsync(Bot(token: "xoxb-wrong"));

        _slack.Calls.Count.ShouldBe(1);
        Warnings.ShouldHaveSingleItem().ShouldBe(
            "warning: Slack: chat.postMessage for todo-api failed: invalid_auth: Slack refused the bot token; check the Slack bot token setting. " +
            "Slack notifications are off for the rest of this run; the build result is unaffected.");
    }

    [Fact]
    public async Task AChannelTheBotCannotSeeIsOneWarningNamingTheChannel()
    {
        await RunAsync(Bot(channel: "#nope"));

        _slack.Calls.Count.ShouldBe(1);
        Warnings.ShouldHaveSingleItem().ShouldContain("channel_not_found: no channel #nope that the bot can see; check the Slack channel setting");
    }

    [Fact]
    public async Task ARateLimitStormWaitsEachRetryAfterAndGivesUpWhenTheWaitBudgetIsSpent()
    {
        _slack.Script = _ => new SlackScripted(429, """{"ok":false,"error":"ratelimited"}""", RetryAfter: "2");

        await RunAsync(Bot(attempts: 10, budget: TimeSpan.FromSeconds(5)));

        _clock.Waits.ShouldBe([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)], "2 s + 2 s fit in 5 s; a third 2 s would not");
        _slack.Calls.Count.ShouldBe(3);
        Warnings.ShouldHaveSingleItem().ShouldContain(
            "rate limited by Slack (HTTP 429) (gave up after 3 attempts: waiting 2 s more would pass the 5 s retry budget)");
    }

    [Fact]
    public async Task ARateLimitedMessageIsSentAfterItsRetryAfter()
    {
        var first = 0;
        _slack.Script = _ => Interlocked.Exchange(ref first, 1) == 0 ? new SlackScripted(429, "", RetryAfter: "1") : null;

        await Bot().StartedAsync(Deliveries.Run, Deliveries.Started(), Ct);

        _clock.Waits.ShouldBe([TimeSpan.FromSeconds(1)]);
        _slack.Parents.ShouldHaveSingleItem();
        _log.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task AnOutageAnsweringFiveHundredIsRetriedABoundedNumberOfTimesThenOneWarning()
    {
        _slack.Script = _ => new SlackScripted(500, "upstream connect error");

        await RunAsync(Bot(attempts: 3));

        _slack.Calls.Count.ShouldBe(3);
        _clock.Waits.ShouldBe([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], "back-off grows with the attempt");
        Warnings.ShouldHaveSingleItem().ShouldContain("chat.postMessage for todo-api failed: Slack answered HTTP 500 (gave up after 3 attempts)");
    }

    [Fact]
    public async Task ASlackThatNeverAnswersTimesOutPerRequestAndIsOneWarning()
    {
        _slack.Script = _ => new SlackScripted(200, """{"ok":true}""", Delay: TimeSpan.FromSeconds(30));

        await RunAsync(Bot(timeout: TimeSpan.FromMilliseconds(200), attempts: 2));

        _slack.Calls.Count.ShouldBe(2);
        Warnings.ShouldHaveSingleItem().ShouldContain("no answer from Slack within 0.2 s (gave up after 2 attempts)");
    }

    [Fact]
    public async Task ASlackThatCannotBeReachedIsOneWarning()
    {
        var nothing = new Uri($"http://127.0.0.1:{LoopbackPort.Next()}/api/");

        await RunAsync(Bot(api: nothing, attempts: 2));

        Warnings.ShouldHaveSingleItem().ShouldContain("could not reach Slack (Connection refused");
    }

    [Fact]
    public async Task AnErrorAboutOneMessageLosesThatMessageOnlyAndLaterOnesAreStillSent()
    {
        var first = 0;
        _slack.Script = _ => Interlocked.Exchange(ref first, 1) == 0 ? SlackScripted.NotOk("msg_too_long") : null;

        await RunAsync(Bot());

        Warnings.ShouldHaveSingleItem().ShouldBe(
            "warning: Slack: chat.postMessage for todo-api answered ok:false (msg_too_long); this message is lost, later ones are still sent.");
        _slack.Parents.Count.ShouldBe(2, "todo-worker's parent, and todo-api's posted at the end");
    }

    [Fact]
    public async Task AWebhookThatWasRevokedIsOneWarningAndOneRequest()
    {
        var revoked = new Uri(_slack.WebhookUrl, "/services/T0000/B0000/revoked");
        var slack = Notifiers.Slack(new SlackSettings { WebhookUrl = revoked.ToString() }, _log, s => s, _clock);

        await RunAsync(slack);

        _slack.Calls.Count.ShouldBe(1);
        Warnings.ShouldHaveSingleItem().ShouldBe(
            "warning: Slack: the webhook message for todo-api failed: HTTP 404 no_service: the webhook was revoked or is wrong; check the Slack webhook setting. " +
            "Slack notifications are off for the rest of this run; the build result is unaffected.");
    }
}
