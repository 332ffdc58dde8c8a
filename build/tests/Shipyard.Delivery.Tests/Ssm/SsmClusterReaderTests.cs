using Shipyard.Delivery.Ssm;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Ssm;

/// <summary>
/// Verify and rollback through the host: the scripts the reader sends really run in <c>sh</c> (standing in for the
/// SSM agent) against a fake kubectl, and their output comes back through the real SSM client.
/// </summary>
public sealed class SsmClusterReaderTests(MotoFixture moto) : IClassFixture<MotoFixture>, IAsyncDisposable
{
    private const string Kubectl = """
        case "$2" in
          replicasets) echo '{"kind":"ReplicaSetList","items":[{"metadata":{"name":"todo-api-5d4f"}}]}' ;;
          pods) cat "$(dirname "$0")/../pods.json" ;;
          events) echo '{"kind":"EventList","items":[{"reason":"BackOff"}]}' ;;
          *) if [[ "$*" == *go-template* ]]; then printf 'app.kubernetes.io/name=todo-api,tier=api,';
             elif [[ "$*" == *jsonpath* ]]; then cat "$(dirname "$0")/../live.txt";
             elif [[ "$1" == rollout ]]; then echo 'deployment.apps/todo-api rolled back';
             elif [[ "$2" == deployment && "$3" == todo-api ]]; then echo '{"kind":"Deployment","metadata":{"name":"todo-api"}}';
             else echo "Error from server (NotFound): $2 \"$3\" not found" >&2; exit 1; fi ;;
        esac
        """;

    private readonly HostShell _host = new(Kubectl);
    private FakeSsmApi? _ssm;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_ssm is not null) await _ssm.DisposeAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task TheFourJsonDocumentsComeBackWholeEvenWhenFarLargerThanSsmInlineOutput()
    {
        var pods = "{\"kind\":\"PodList\",\"items\":[" + string.Join(',', Enumerable.Range(0, 800).Select(i =>
            $"{{\"metadata\":{{\"name\":\"todo-api-{i}\"}},\"status\":{{\"phase\":\"Running\",\"containerStatuses\":[{{\"name\":\"todo-api\",\"ready\":true}}]}}}}")) + "]}\n";
        await File.WriteAllTextAsync(Path.Combine(_host.Root, "pods.json"), pods, Ct);
        var (reader, target, ssm) = await StartAsync();

        var json = await reader.ReadAsync(target, "todo", "Deployment", "todo-api", Ct);

        pods.Length.ShouldBeGreaterThan(24_000);
        json.Workload.ShouldBe("{\"kind\":\"Deployment\",\"metadata\":{\"name\":\"todo-api\"}}\n");
        json.ReplicaSets.ShouldContain("todo-api-5d4f");
        json.Pods.ShouldBe(pods);
        json.Events.ShouldContain("BackOff");
        _host.Calls.ShouldContain(c => c.SequenceEqual(new[] { "get", "pods", "-n", "todo", "-l", "app.kubernetes.io/name=todo-api,tier=api", "-o", "json", "--request-timeout=30s" }));
        ssm.Commands.Single().OutputS3BucketName.ShouldBeNull();
    }

    [Fact]
    public async Task OutputCutByTheInlineLimitIsAnErrorNotAWrongSnapshot()
    {
        var noise = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(40_000));
        await File.WriteAllTextAsync(Path.Combine(_host.Root, "pods.json"), $"{{\"noise\":\"{noise}\"}}", Ct);
        var (reader, target, _) = await StartAsync();

        var error = await Should.ThrowAsync<BuildFailedException>(() => reader.ReadAsync(target, "todo", "deployment", "todo-api", Ct));

        error.Message.ShouldContain("truncated");
    }

    [Fact]
    public async Task AMissingWorkloadFailsWithKubectlsError()
    {
        var (reader, target, _) = await StartAsync();

        var error = await Should.ThrowAsync<BuildFailedException>(() => reader.ReadAsync(target, "todo", "deployment", "todo-web", Ct));

        error.Message.ShouldContain("ended Failed");
        error.Message.ShouldContain("Error from server (NotFound): deployment \"todo-web\" not found");
    }

    [Fact]
    public async Task RollbackUndoesWhileTheBadImageIsStillLive()
    {
        await File.WriteAllTextAsync(Path.Combine(_host.Root, "live.txt"), "reg/todo-api:bad sidecar:1", Ct);
        var (reader, target, _) = await StartAsync();

        var result = await reader.RollbackAsync(target, "todo", "deployment", "todo-api", "reg/todo-api:bad", Ct);

        result.RolledBack.ShouldBeTrue();
        result.LiveImages.ShouldBe("reg/todo-api:bad sidecar:1");
        _host.Calls.ShouldContain(c => c.SequenceEqual(new[] { "rollout", "undo", "deployment/todo-api", "-n", "todo", "--request-timeout=30s" }));
    }

    [Theory]
    [InlineData("reg/todo-api:good")]
    [InlineData("reg/todo-api:bad';touch${IFS}pwned;'")]
    [InlineData("$(touch${IFS}pwned)")]
    [InlineData("`touch${IFS}pwned`")]
    [InlineData("*")]
    public async Task RollbackIsSkippedWhenTheLiveImageIsNotTheGuard(string guard)
    {
        await File.WriteAllTextAsync(Path.Combine(_host.Root, "live.txt"), "reg/todo-api:bad", Ct);
        var (reader, target, _) = await StartAsync();

        var result = await reader.RollbackAsync(target, "todo", "deployment", "todo-api", guard, Ct);

        result.RolledBack.ShouldBeFalse();
        result.Reason.ShouldContain("live: reg/todo-api:bad");
        _host.Calls.ShouldNotContain(c => c[0] == "rollout");
        File.Exists(Path.Combine(_host.Root, "pwned")).ShouldBeFalse();
    }

    [Fact]
    public async Task HostileNamesAreRefusedBeforeAnyCommandIsSent()
    {
        var (reader, target, ssm) = await StartAsync();

        await Should.ThrowAsync<UsageException>(() => reader.ReadAsync(target, "todo; id", "deployment", "todo-api", Ct));
        await Should.ThrowAsync<UsageException>(() => reader.RollbackAsync(target, "todo", "deployment", "$(id)", "img", Ct));

        ssm.Commands.ShouldBeEmpty();
    }

    private async Task<(SsmClusterReader, SsmTarget, FakeSsmApi)> StartAsync()
    {
        var ssm = _ssm = await FakeSsmApi.StartAsync();
        ssm.Run = _host.RunAsync;
        var world = await SsmWorld.StartAsync(moto, ssm, Ct);
        var deployer = world.Deployer();
        return (new SsmClusterReader(deployer), await deployer.FindInstanceAsync(Ct), ssm);
    }
}
