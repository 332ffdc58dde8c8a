using Shipyard.Delivery.Ssm;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Ssm;

/// <summary>Shell metacharacters anywhere in a request are a usage error before anything exists in AWS.</summary>
[Trait("Reliability", "bad-input")]
public sealed class SsmArgumentValidationTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Hostile => new()
    {
        { "tag", "abc; rm -rf /", "image tag 'abc; rm -rf /'" },
        { "tag", "$(curl evil)", "image tag '$(curl evil)'" },
        { "tag", "`id`", "image tag '`id`'" },
        { "tag", "a'b", "image tag 'a'b'" },
        { "tag", "a\"b", "image tag 'a\"b'" },
        { "tag", "abc\nid", "image tag 'abc\\nid'" },
        { "service", "todo-api; rm -rf /", "service name 'todo-api; rm -rf /'" },
        { "service", "$(id)", "service name '$(id)'" },
        { "service", "todo\napi", "service name 'todo\\napi'" },
        { "namespace", "todo`id`", "namespace 'todo`id`'" },
        { "namespace", "to'do", "namespace 'to'do'" },
        { "registry", "reg;id", "image registry 'reg;id'" },
        { "repository", "todo-api$(id)", "image repository 'todo-api$(id)'" },
        { "digest", "sha256:abc;id", "image digest 'sha256:abc;id'" },
        { "ci-run", "42; id", "CI run id '42; id'" },
        { "commit", "$(id)", "source commit '$(id)'" },
        { "kind", "job", "workload kind 'job'" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task AHostileValueIsRefusedBeforeAnyBucketOrCommandExists(string field, string value, string message)
    {
        await using var ssm = await FakeSsmApi.StartAsync();
        var world = await SsmWorld.StartAsync(moto, ssm, Ct);
        var request = With(SsmWorld.Request(), field, value);

        var error = await Should.ThrowAsync<UsageException>(() => world.Deployer().DeployAsync(request, Ct));

        error.Message.ShouldContain(message);
        error.Message.ShouldNotContain("\n");
        (await world.BucketNamesAsync(Ct)).ShouldBeEmpty();
        ssm.Commands.ShouldBeEmpty();
    }

    [Fact]
    public async Task ARolloutTimeoutBeyondTheDeadlineIsAUsageError()
    {
        await using var ssm = await FakeSsmApi.StartAsync();
        var world = await SsmWorld.StartAsync(moto, ssm, Ct);

        var error = await Should.ThrowAsync<UsageException>(() => world.Deployer().DeployAsync(SsmWorld.Request() with { RolloutTimeout = TimeSpan.FromHours(1) }, Ct));

        error.Message.ShouldContain("shorter than the deploy deadline");
        ssm.Commands.ShouldBeEmpty();
    }

    private static SsmDeployRequest With(SsmDeployRequest request, string field, string value) => field switch
    {
        "tag" => request with { Image = request.Image with { Tag = value } },
        "service" => request with { Service = value },
        "namespace" => request with { Namespace = value },
        "registry" => request with { Image = request.Image with { Registry = value } },
        "repository" => request with { Image = request.Image with { Repository = value } },
        "digest" => request with { Image = request.Image with { Digest = value } },
        "ci-run" => request with { CiRun = value },
        "commit" => request with { SourceCommit = value },
        "kind" => request with { WorkloadKind = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
