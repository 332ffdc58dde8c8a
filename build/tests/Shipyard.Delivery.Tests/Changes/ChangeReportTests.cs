using Shipyard.Delivery.Changes;

namespace Shipyard.Delivery.Tests.Changes;

public sealed class ChangeReportTests
{
    private static ChangeSet Set(params string[] paths) =>
        new("0123456789abcdef0123456789abcdef01234567", new BaseChoice("fedcba9876543210fedcba9876543210fedcba98", "push: before"),
            new AffectedSetCalculator(TodoPlatform.Catalog()).Compute(paths));

    [Fact]
    public void TheTableListsEveryServiceWithItsDecisionAndWhy() =>
        ChangeReport.Table(Set("services/todo-api/A.cs", "deploy/applications/todo-worker/kustomization.yaml")).ShouldBe(
            """
            Changes fedcba9..0123456 (base: push: before)
            service     | build | deploy | why
            todo-api    | yes   | yes    | services/todo-api (1 file)
            todo-worker | no    | yes    | manifest deploy/applications/todo-worker (1 file)

            """.ReplaceLineEndings());

    [Fact]
    public void NoChangeGivesAnEmptyButValidMatrix()
    {
        var outputs = ChangeReport.Outputs(Set("README.md"));

        outputs.ShouldBe([new("matrix", """{"include":[]}"""), new("services", ""), new("any", "false")]);
    }

    [Fact]
    public void ExplicitlySelectedServicesAreBuiltAndDeployedWhateverChanged()
    {
        var set = ChangeSet.Selected(TodoPlatform.Catalog(), ["todo-worker"], "0123456789abcdef");

        ChangeReport.Outputs(set)[0].Value.ShouldBe("""{"include":[{"service":"todo-worker","build":true,"deploy":true}]}""");
    }

    [Fact]
    public void TheJobSummaryIsAMarkdownTable() =>
        ChangeReport.Markdown(Set("libs/todo-shared/T.cs")).ShouldBe(
            """
            ### Changes fedcba9..0123456 (push: before)

            | service | build | deploy | why |
            | --- | --- | --- | --- |
            | todo-api | yes | yes | dependency libs/todo-shared (1 file) |
            | todo-worker | yes | yes | dependency libs/todo-shared (1 file) |

            """.ReplaceLineEndings());
}
