using System.Text;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Registry;

namespace Shipyard.Delivery.Tests.Registry;

public sealed class DockerConfigCredentialsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("docker-config-").FullName;
    private readonly List<string> _secrets = [];
    private readonly StringWriter _log = new();

    private string Config => Path.Combine(_dir, "config.json");

    private DockerConfigCredentials Reader() =>
        new(Config, new ProcessRunner(_log, s => _secrets.Aggregate(s, (t, x) => t.Replace(x, "***"))), _secrets.Add, _dir);

    private static string Base64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    [Fact]
    public async Task TheAuthsEntryOfTheRegistryIsDecodedAndItsSecretRegistered()
    {
        File.WriteAllText(Config, "{\"auths\": {\"other:1\": {\"auth\": \"" + Base64("x:y") + "\"}, \"https://reg.example:5000/v1/\": {\"auth\": \"" + Base64("ci:pa:ss") + "\"}}}");

        var credentials = await Reader().FindAsync("reg.example:5000", TestContext.Current.CancellationToken);

        credentials.ShouldBe(new RegistryCredentials("ci", "pa:ss") { Source = Config });
        _secrets.ShouldBe(["pa:ss"]);
        credentials!.ToString().ShouldNotContain("pa:ss");
    }

    [Fact]
    public async Task ACredentialHelperIsAskedWithTheServerOnStandardInput()
    {
        File.WriteAllText(Config, """{"auths": {"reg.example": {"auth": "eDp5"}}, "credHelpers": {"reg.example": "fake"}}""");
        Helper("fake", """read server; printf '{"ServerURL":"%s","Username":"AWS","Secret":"tok-%s"}' "$server" "$server" """);

        var credentials = await Reader().FindAsync("reg.example", TestContext.Current.CancellationToken);

        credentials!.Username.ShouldBe("AWS");
        credentials.Password.ShouldBe("tok-reg.example");
        _secrets.ShouldContain("tok-reg.example");
    }

    [Fact]
    public async Task TheCredsStoreAnsweringNotFoundMeansAnonymous()
    {
        File.WriteAllText(Config, """{"credsStore": "fake"}""");
        Helper("fake", "echo 'credentials not found in native keychain'; exit 1");

        (await Reader().FindAsync("reg.example", TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task NoConfigFileMeansAnonymous() =>
        (await Reader().FindAsync("reg.example", TestContext.Current.CancellationToken)).ShouldBeNull();

    private void Helper(string name, string script)
    {
        var path = Path.Combine(_dir, $"docker-credential-{name}");
        File.WriteAllText(path, "#!/bin/sh\n[ \"$1\" = get ] || exit 9\n" + script + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(_dir, true);
}
