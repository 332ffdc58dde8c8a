using Shipyard.Delivery.Workflows;

namespace Shipyard.Delivery.Tests.Workflows;

public sealed class ActionlintTests
{
    [Fact]
    public async Task ActionlintFindsNothingInAnyGeneratedWorkflow()
    {
        var dir = Directory.CreateTempSubdirectory("workflows-");
        try
        {
            var ct = TestContext.Current.CancellationToken;
            await WorkflowFiles.WriteAsync(dir.FullName, WorkflowGenerator.Generate(WorkflowFixture.Spec(perService: true)), ct);
            var files = Directory.GetFiles(dir.FullName, "*.yml").Order(StringComparer.Ordinal).ToArray();

            var result = await Actionlint.LintAsync(files, ct);

            files.Length.ShouldBe(5);
            result.StandardOutput.ShouldEndWith("actionlint: 5 file(s), 0 finding(s)\n", customMessage: result.StandardOutput + result.StandardError);
            result.ExitCode.ShouldBe(0);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ActionlintReportsAMistakeSoACleanResultMeansSomething()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("workflows-").FullName, "broken.yml");
        await File.WriteAllTextAsync(file, "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n",
            TestContext.Current.CancellationToken);

        var result = await Actionlint.LintAsync([file], TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(1);
        result.StandardOutput.ShouldContain("broken.yml:6:");
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}
