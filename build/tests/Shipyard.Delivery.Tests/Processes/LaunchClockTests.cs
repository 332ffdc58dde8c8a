using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Tests.Processes;

public sealed class LaunchClockTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string> Launched(int pid, DateTimeOffset at) =>
        new() { [LaunchClock.Variable] = $"{pid}:{at.ToUnixTimeMilliseconds()}" };

    [Fact]
    public void BuildShsLaunchCountsWhenItNamesThisProcess() =>
        LaunchClock.Elapsed(Launched(4242, Now.AddMilliseconds(-180)), Now, 4242, Now.AddMilliseconds(-90)).ShouldBe(TimeSpan.FromMilliseconds(180));

    [Fact]
    public void ALaunchInheritedFromAnotherProcessIsIgnoredForThisProcesssStart() =>
        LaunchClock.Elapsed(Launched(4242, Now.AddMinutes(-3)), Now, 5151, Now.AddMilliseconds(-90)).ShouldBe(TimeSpan.FromMilliseconds(90));

    [Theory]
    [InlineData("")]
    [InlineData("4242")]
    [InlineData("4242:")]
    [InlineData("4242:abc")]
    [InlineData("-1:5")]
    [InlineData("4242:1:2")]
    public void AMalformedValueFallsBackToTheProcessStart(string value) =>
        LaunchClock.Elapsed(new Dictionary<string, string> { [LaunchClock.Variable] = value }, Now, 4242, Now.AddMilliseconds(-70)).ShouldBe(TimeSpan.FromMilliseconds(70));

    [Fact]
    public void AnImplausibleLaunchCountsNothing()
    {
        LaunchClock.Elapsed(Launched(4242, Now.AddHours(-2)), Now, 4242, null).ShouldBe(TimeSpan.Zero);
        LaunchClock.Elapsed(Launched(4242, Now.AddSeconds(5)), Now, 4242, null).ShouldBe(TimeSpan.Zero);
        LaunchClock.Elapsed(new Dictionary<string, string>(), Now, 4242, null).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void TheWallTimeOfARunStartsAtTheLaunch()
    {
        var time = new Shipyard.Delivery.Tests.ArgoCd.ManualClock();
        var times = new ToolTimes(time, TimeSpan.FromMilliseconds(300));
        var started = times.Now();
        time.Advance(TimeSpan.FromMilliseconds(700));
        times.Record("git", started);
        time.Advance(TimeSpan.FromMilliseconds(200));

        var summary = times.Summarize();

        summary.Wall.ShouldBe(TimeSpan.FromMilliseconds(1200));
        summary.InTools.ShouldBe(TimeSpan.FromMilliseconds(700));
        times.Intervals.Single().Start.ShouldBe(TimeSpan.FromMilliseconds(300));
    }
}
