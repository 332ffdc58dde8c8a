using Shipyard.Delivery.Ssm;
using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.Ssm;

/// <summary>
/// The sent command as the host runs it: sh executes its lines, which fetch the real deploy.sh from the moto bucket
/// with the real aws CLI, and the script applies the bundle rendered here (kubectl faked, the cluster being absent).
/// </summary>
public sealed class SsmDeployEndToEndTests(MotoFixture moto) : IClassFixture<MotoFixture>, IAsyncDisposable
{
    private const string Kubectl = """
        if [[ "$1" == apply && "$2" == -f ]]; then cp "$3" "$(dirname "$0")/../applied.yaml"; fi
        if [[ "$*" == *"rollout status"* ]]; then exit "$(cat "$(dirname "$0")/../rollout-exit" 2>/dev/null || echo 0)"; fi
        exit 0
        """;

    private HostShell? _host;
    private FakeSsmApi? _ssm;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_ssm is not null) await _ssm.DisposeAsync();
        _host?.Dispose();
    }

    [Fact]
    public async Task TheHostDownloadsTheScriptAndAppliesExactlyTheRenderedManifests()
    {
        var world = await StartAsync();

        var deployment = await world.Deployer().DeployAsync(SsmWorld.Request(), Ct);

        deployment.Status.ShouldBe("Success");
        deployment.OutputTail.ShouldContain($"Deployed todo-api: 127.0.0.1:5000/todo-api:abc1234@{SsmWorld.Digest}");
        var applied = await File.ReadAllTextAsync(Path.Combine(_host!.Root, "applied.yaml"), Ct);
        applied.ShouldContain($"image: 127.0.0.1:5000/todo-api:abc1234@{SsmWorld.Digest}");
        applied.ShouldContain("namespace: todo");
        _host.Calls.Select(c => string.Join(' ', c.Take(3))).ShouldBe([
            "get --raw=/readyz --request-timeout=30s",
            "apply -f " + _host.Calls[1][2],
            "-n todo rollout",
            "-n todo get",
        ]);
        (await world.BucketNamesAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AFailedRolloutOnTheHostFailsTheDeployWithTheScriptsOutputAndLeavesTheUndoToThePipeline()
    {
        var world = await StartAsync();
        await File.WriteAllTextAsync(Path.Combine(_host!.Root, "rollout-exit"), "1", Ct);

        var error = await Should.ThrowAsync<SsmCommandFailedException>(() => world.Deployer().DeployAsync(SsmWorld.Request(), Ct));

        error.Deployment.Status.ShouldBe("Failed");
        error.Message.ShouldContain("Rollout of todo-api failed; left for the pipeline's rollback");
        _host.Calls.ShouldNotContain(c => c.Contains("undo"));
        (await world.BucketNamesAsync(Ct)).ShouldBeEmpty();
    }

    private async Task<SsmWorld> StartAsync()
    {
        _host = new HostShell(Kubectl, new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString().TrimEnd('/'),
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
        });
        _ssm = await FakeSsmApi.StartAsync();
        _ssm.Run = _host.RunAsync;
        return await SsmWorld.StartAsync(moto, _ssm, Ct);
    }
}
