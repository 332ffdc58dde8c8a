using Shipyard.Delivery.Changes;

namespace Shipyard.Delivery.Tests.Changes;

public sealed class AffectedSetRulesTests
{
    private static readonly AffectedSetCalculator Calculator = new(TodoPlatform.Catalog());

    private static string Flags(IReadOnlyList<string> paths) =>
        string.Join(" ", Calculator.Compute(paths).Select(a => $"{a.Service.Name}:{(a.Build ? "B" : "-")}{(a.Deploy ? "D" : "-")}"));

    [Theory]
    [InlineData("services/todo-api/Program.cs", "todo-api:BD todo-worker:--")]
    [InlineData("services/todo-api/Dockerfile", "todo-api:BD todo-worker:--")]
    [InlineData("libs/todo-shared/Todo.cs", "todo-api:BD todo-worker:BD")]
    [InlineData("deploy/applications/todo-worker/kustomization.yaml", "todo-api:-- todo-worker:-D")]
    [InlineData("deploy/applications/todo-worker/deployment.yaml", "todo-api:-- todo-worker:-D")]
    [InlineData("global.json", "todo-api:BD todo-worker:BD")]
    [InlineData("Directory.Packages.props", "todo-api:BD todo-worker:BD")]
    [InlineData("build/_build/Pipeline.cs", "todo-api:BD todo-worker:BD")]
    [InlineData(".nuke/parameters.json", "todo-api:BD todo-worker:BD")]
    [InlineData("build.sh", "todo-api:BD todo-worker:BD")]
    [InlineData("README.md", "todo-api:-- todo-worker:--")]
    [InlineData("docs/build/notes.md", "todo-api:-- todo-worker:--")]
    [InlineData("services/todo-api-v2/Program.cs", "todo-api:-- todo-worker:--")]
    [InlineData("services/todo-apis", "todo-api:-- todo-worker:--")]
    [InlineData("libs/todo-shared-extra/x.cs", "todo-api:-- todo-worker:--")]
    public void EachRuleDecidesBuildAndDeploy(string path, string expected) => Flags([path]).ShouldBe(expected);

    [Fact]
    public void AFileOfADeletedServiceBuildsNothing() =>
        Flags(["services/todo-legacy/Program.cs", "services/todo-legacy/Dockerfile"]).ShouldBe("todo-api:-- todo-worker:--");

    [Fact]
    public void ARenameCountsAsDeleteOfTheOldPathAndAddOfTheNewOne() =>
        Flags(["services/todo-worker/Queue.cs", "libs/todo-shared/Queue.cs"]).ShouldBe("todo-api:BD todo-worker:BD");

    [Fact]
    public void WatchedPathsRebuildTheServiceThatWatchesThem()
    {
        var api = TodoPlatform.Service("todo-api") with { WatchedPaths = ["protos/todo.proto", "config/api/"] };
        var calculator = new AffectedSetCalculator([api, TodoPlatform.Service("todo-worker")]);

        calculator.Compute(["protos/todo.proto"])[0].Build.ShouldBeTrue();
        calculator.Compute(["config/api/appsettings.json"])[0].Build.ShouldBeTrue();
        calculator.Compute(["protos/todo.proto"])[1].IsAffected.ShouldBeFalse();
    }

    [Fact]
    public void ReasonsNameTheRuleAndCountTheFiles()
    {
        var result = Calculator.Compute(["services/todo-api/A.cs", "services/todo-api/B.cs", "libs/todo-shared/T.cs",
            "deploy/applications/todo-api/kustomization.yaml"]);

        result[0].Reasons.ShouldBe(["services/todo-api (2 files)", "dependency libs/todo-shared (1 file)",
            "manifest deploy/applications/todo-api (1 file)"]);
        result[1].Reasons.ShouldBe(["dependency libs/todo-shared (1 file)"]);
    }

    [Fact]
    public void BuildWideChangesNameTheFirstFilesAndCountTheRest()
    {
        var result = Calculator.Compute(["build/a.cs", "build/b.cs", "build/c.cs", "build/d.cs", "global.json"]);

        result[0].Reasons.ShouldBe(["build-wide: build/a.cs, build/b.cs, build/c.cs (+2 more)"]);
    }

    [Fact]
    public void NoChangeLeavesEveryServiceUnchanged() =>
        Calculator.Compute([]).ShouldAllBe(a => !a.IsAffected && a.Reasons.Single() == "unchanged");

    [Fact]
    public void ARootBuildContextIsNotARuleThatMatchesEverything()
    {
        var api = TodoPlatform.Service("todo-api") with { Context = ".", WatchedPaths = ["./"] };

        new AffectedSetCalculator([api]).Compute(["README.md"])[0].IsAffected.ShouldBeFalse();
    }
}
