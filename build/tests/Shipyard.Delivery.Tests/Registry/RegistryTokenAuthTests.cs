using Shipyard.Delivery.Registry;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Registry;

/// <summary>The Bearer challenge → token endpoint → retry flow against a real registry configured for token auth.</summary>
public sealed class RegistryTokenAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheClientFetchesATokenWithTheCredentialsAndAddsATagWithIt()
    {
        await using var tokens = await RegistryTokenServer.StartAsync("ci", "tok3n-pass");
        var dir = Directory.CreateTempSubdirectory("token-auth-").FullName;
        await using var server = await RegistryServer.StartAsync(authConfig: tokens.RegistryAuthConfig(dir));
        using var sandbox = new BuildahSandbox();
        var credentials = new RegistryCredentials("ci", "tok3n-pass");
        await sandbox.PushBaseAsync(server.Host, Ct, credentials);
        var issuedByBuildah = tokens.Issued;
        var registry = Registries.Create(server.Host, credentials, TimeProvider.System);

        var manifest = (await registry.GetManifestAsync("base", "1", Ct))!;
        await registry.PutManifestAsync("base", "copy", manifest, Ct);

        (await registry.GetDigestAsync("base", "copy", Ct)).ShouldBe(manifest.Digest);
        (tokens.Issued - issuedByBuildah).ShouldBe(1); // one token per scope, reused for every later request
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task ATokenEndpointRefusingTheCredentialsIsOneLine()
    {
        await using var tokens = await RegistryTokenServer.StartAsync("ci", "tok3n-pass");
        var dir = Directory.CreateTempSubdirectory("token-auth-").FullName;
        await using var server = await RegistryServer.StartAsync(authConfig: tokens.RegistryAuthConfig(dir));
        var registry = Registries.Create(server.Host, new RegistryCredentials("ci", "nope-999"), TimeProvider.System);

        var error = await Should.ThrowAsync<BuildFailedException>(() => registry.ListTagsAsync("base", Ct));

        error.Message.ShouldBe($"Registry {server.Host} refused the credentials of 'ci' (from parameters): check the user name and password or token.");
        Directory.Delete(dir, true);
    }
}
