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
    public async Task AMissingProgramSaysSoInOneLine()
    {
        var runner = new ProcessRunner(TextWriter.Null, s => s);

        var error = await Should.ThrowAsync<ProcessFailedException>(() =>
            runner.RunAsync("no-such-program-xyz", [], cancellationToken: TestContext.Current.CancellationToken));

        error.Message.ShouldStartWith("Cannot start 'no-such-program-xyz'");
    }
}
