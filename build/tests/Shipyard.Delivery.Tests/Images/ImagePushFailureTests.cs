using Shipyard.Delivery.Images;
using Shipyard.Delivery.Registry;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Images;

/// <summary>Registry down, wrong password, invalid tags: one-line errors, nothing reported as pushed.</summary>
[Trait("Reliability", "faults")]
public sealed class ImagePushFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARegistryThatIsDownIsAOneLineErrorAfterRetries()
    {
        var host = $"127.0.0.1:{RegistryServer.FreePort()}";
        var registry = Registries.Create(host, null, TimeProvider.System);

        var error = await Should.ThrowAsync<BuildFailedException>(() => registry.ListTagsAsync("todo-api", Ct));

        error.Message.ShouldStartWith($"Registry {host} is unreachable");
        error.Message.ShouldContain("after 4 attempts");
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public async Task PushingABuiltImageToARegistryThatIsDownFailsBeforeAnythingIsReportedPushed()
    {
        await using var server = await RegistryServer.StartAsync();
        using var sandbox = new BuildahSandbox();
        var baseImage = await sandbox.PushBaseAsync(server.Host, Ct);
        var down = Registries.Create($"127.0.0.1:{RegistryServer.FreePort()}", null, TimeProvider.System);

        var error = await Should.ThrowAsync<BuildFailedException>(() =>
            ImagePushTests.BuildAndPushAsync(sandbox, server.Host, baseImage, down, null));

        error.Message.ShouldContain("is unreachable");
        (await Registries.Create(server.Host, null, TimeProvider.System).ListTagsAsync("todo-api", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AWrongPasswordIsAOneLineErrorWithoutTheSecretAndNothingIsPushed()
    {
        await using var server = await RegistryServer.StartAsync("ci", "right-pass");
        using var sandbox = new BuildahSandbox();
        var good = new RegistryCredentials("ci", "right-pass");
        var bad = new RegistryCredentials("ci", "wrong-pass-123") { Source = "--registry-password" };
        var baseImage = await sandbox.PushBaseAsync(server.Host, Ct, good);

        var error = await Should.ThrowAsync<BuildFailedException>(() =>
            ImagePushTests.BuildAndPushAsync(sandbox, server.Host, baseImage, Registries.Create(server.Host, bad, TimeProvider.System), bad));

        error.Message.ShouldBe($"Registry {server.Host} refused the credentials of 'ci' (from --registry-password): check the user name and password or token.");
        (await Registries.Create(server.Host, good, TimeProvider.System).ListTagsAsync("todo-api", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task NoCredentialsForAnAuthenticatedRegistrySaysHowToPassThem()
    {
        await using var server = await RegistryServer.StartAsync("ci", "right-pass");

        var error = await Should.ThrowAsync<BuildFailedException>(() =>
            Registries.Create(server.Host, null, TimeProvider.System).ListTagsAsync("todo-api", Ct));

        error.Message.ShouldContain("requires credentials: pass --registry-username and --registry-password");
    }

    [Fact]
    public async Task AnInvalidTagStopsTheBuildBeforeThePrepareCommandRuns()
    {
        using var sandbox = new BuildahSandbox();
        var settings = new ImageBuildSettings(sandbox.Root, "127.0.0.1:1") { TagScheme = "{{sha7}},bad tag!" };

        var error = await Should.ThrowAsync<UsageException>(() =>
            new ServiceImageBuilder(sandbox.Runner, sandbox.Builder, settings).BuildAsync(sandbox.Service,
                new Shipyard.Delivery.Versioning.BuildVersion(new string('a', 40), "main", null, DateTimeOffset.UnixEpoch, null), Ct));

        error.Message.ShouldContain("Tag 'bad tag!' from --tag-scheme is not a valid image tag");
        Directory.Exists(Path.Combine(sandbox.Root, "services/todo-api/.publish")).ShouldBeFalse();
        sandbox.Log.ToString().ShouldBeEmpty();
    }
}
