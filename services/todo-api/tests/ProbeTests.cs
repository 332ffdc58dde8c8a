using System.Net;

namespace TodoApi.Tests;

public sealed class ProbeTests
{
    [Fact]
    public async Task LivenessAnswersOkWhileTheProcessRuns()
    {
        await using var api = await RunningApi.StartAsync();

        var response = await api.Client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ReadinessAnswersOkOnceTheServerListens()
    {
        await using var api = await RunningApi.StartAsync();

        var body = await api.Client.GetStringAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        body.ShouldBe("ready");
    }

    [Fact]
    public void ReadinessIsFalseUntilMarkedAndAfterDraining()
    {
        var readiness = new Readiness();
        readiness.IsReady.ShouldBeFalse();

        readiness.MarkReady();
        readiness.IsReady.ShouldBeTrue();

        readiness.MarkNotReady();
        readiness.IsReady.ShouldBeFalse();
    }
}
