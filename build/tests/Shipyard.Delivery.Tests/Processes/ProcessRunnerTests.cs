using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Tests.Processes;

public sealed class ProcessRunnerTests
{
    [Fact]
    public async Task EchoedCommandsAndCapturedOutputHaveSecretsMasked()
    {
        var log = new StringWriter();
        var runner = new ProcessRunner(log, s => s.Replace("hunter2", "***"));

        var result = await runner.RunAsync("sh", ["-c", "echo token=hunter2"], cancellationToken: TestContext.Current.CancellationToken);

        result.StandardOutput.Trim().ShouldBe("token=***");
        log.ToString().ShouldNotContain("hunter2");
        log.ToString().ShouldContain("> sh -c 'echo token=***'");
    }

    [Fact]
    public async Task ANonZeroExitThrowsWithTheExitCodeAndTheTailOfTheOutput()
    {
        var runner = new ProcessRunner(TextWriter.Null, s => s);

        var error = await Should.ThrowAsync<ProcessFailedException>(() =>
            runner.RunAsync("sh", ["-c", "echo boom >&2; exit 3"], cancellationToken: TestContext.Current.CancellationToken));

        error.Result.ExitCode.ShouldBe(3);
        error.Message.ShouldContain("exited with code 3: boom");
    }

    [Fact]
    public async Task AProgramThatExitsWithoutReadingItsInputIsJudgedByItsExitCode()
    {
        var runner = new ProcessRunner(TextWriter.Null, s => s);
        // Large enough to fill the pipe, so the write fails whatever the timing.
        var input = new string('x', 1 << 20);

        var result = await runner.RunAsync("sh", ["-c", "echo no; exit 0"], new ProcessOptions { StandardInput = input },
            TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0);
        result.StandardOutput.Trim().ShouldBe("no");
    }

    [Fact]
    public async Task AMissingProgramSaysSoInOneLine()
    {
        var runner = new ProcessRunner(TextWriter.Null, s => s);

        var error = await Should.ThrowAsync<ProcessFailedException>(() =>
            runner.RunAsync("no-such-program-xyz", [], cancellationToken: TestContext.Current.CancellationToken));

        error.Message.ShouldStartWith("Cannot start 'no-such-program-xyz'");
    }
}
