using Shipyard.Delivery.Processes;

namespace Build.Tests.Reliability;

/// <summary>
/// A tool that dies of the Ctrl-C a terminal sends to the whole process group can end before the build's own handler
/// has cancelled the run: the one process runner must report that as the interruption, not as the tool failing.
/// </summary>
[Trait("Reliability", "faults")]
public sealed class InterruptedToolTests
{
    private static readonly ProcessRunner Runner = new(TextWriter.Null, s => s);

    [Fact]
    public async Task AToolKilledBySigintJustBeforeTheRunIsCancelledIsReportedAsInterrupted()
    {
        using var interrupt = new CancellationTokenSource();
        var marker = Path.Combine(Path.GetTempPath(), $"shipyard-sigint-{Guid.NewGuid():N}");
        var run = Runner.RunAsync("sh", ["-c", $"touch '{marker}' && kill -INT $$"], new ProcessOptions { Check = false }, interrupt.Token);
        while (!File.Exists(marker)) await Task.Delay(10, TestContext.Current.CancellationToken);
        File.Delete(marker);
        await Task.Delay(200, TestContext.Current.CancellationToken); // the tool is gone by now
        run.IsCompleted.ShouldBeFalse("the runner waits a moment for the run's own cancellation");

        await interrupt.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(run);
    }

    [Fact]
    public async Task AToolKilledBySigintWhileTheRunGoesOnIsAnOrdinaryExitCode()
    {
        using var notInterrupted = new CancellationTokenSource();

        var result = await Runner.RunAsync("sh", ["-c", "kill -INT $$"], new ProcessOptions { Check = false }, notInterrupted.Token);

        result.ExitCode.ShouldBe(130);
    }
}
