using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Sandbox;

namespace Shipyard.Delivery.Tests.Sandbox;

public sealed class LocalSandboxTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("sandbox-").FullName;
    private readonly HttpClient _http = new();
    private SandboxSettings _settings = null!;

    public async ValueTask InitializeAsync()
    {
        var port = LoopbackPort.Next();
        _settings = new SandboxSettings(_root, $"127.0.0.1:{port}", Path.Combine(_root, ".nuke/temp/sandbox/gitops.git"),
            $"127.0.0.1:{port}/sandbox/runtime:busybox");
        var git = new ProcessRunner(TextWriter.Null, s => s);
        await git.RunAsync("git", ["init", "-q", "-b", "main", _root]);
        await File.WriteAllTextAsync(Path.Combine(_root, "README.md"), "sandbox test\n");
        await git.RunAsync("git", ["-C", _root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "x", "--allow-empty"]);
        await git.RunAsync("git", ["-C", _root, "add", "-A"]);
        await git.RunAsync("git", ["-C", _root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "readme"]);
    }

    [Fact]
    public async Task EnsureStartsARegistryCreatesTheRemoteAndPushesTheRuntimeBaseThenReusesThem()
    {
        var log = new StringWriter();
        var sandbox = new LocalSandbox(_settings, new ProcessRunner(log, s => s), _http);
        var ct = TestContext.Current.CancellationToken;

        var first = await sandbox.EnsureAsync(ct);
        var second = await sandbox.EnsureAsync(ct);

        first[0].ShouldStartWith($"registry started at {_settings.Registry}");
        first[2].ShouldContain("built from busybox and pushed");
        second.ShouldBe([
            $"registry {_settings.Registry} already running",
            "GitOps remote .nuke/temp/sandbox/gitops.git exists",
            $"runtime base {_settings.RuntimeImage} present",
        ]);
        var tags = await _http.GetStringAsync($"http://{_settings.Registry}/v2/sandbox/runtime/tags/list", ct);
        tags.ShouldContain("\"busybox\"");
        File.Exists(Path.Combine(_settings.GitOpsRemote!, "HEAD")).ShouldBeTrue();
    }

    [Fact]
    public async Task ARegistryElsewhereIsLeftAloneAndNoBaseImageIsBuiltForIt()
    {
        var settings = _settings with { Registry = "registry.example.com/todo", GitOpsRemote = null };
        var sandbox = new LocalSandbox(settings, new ProcessRunner(TextWriter.Null, s => s), new HttpClient(new RefusingHandler()));

        var parts = await sandbox.EnsureAsync(TestContext.Current.CancellationToken);

        parts.ShouldBe(["registry registry.example.com/todo is not local: left alone"]);
        File.Exists(Path.Combine(settings.StateDirectory, "registry.pid")).ShouldBeFalse();
    }

    [Fact]
    public async Task ARegistryWithANamespaceListensOnItsHostAndPortAndKeepsTheNamespaceForImageNames()
    {
        var address = _settings.Registry;
        var settings = _settings with { Registry = $"{address}/todo", GitOpsRemote = null, RuntimeImage = null };
        var sandbox = new LocalSandbox(settings, new ProcessRunner(TextWriter.Null, s => s), _http);
        var ct = TestContext.Current.CancellationToken;

        var parts = await sandbox.EnsureAsync(ct);

        parts[0].ShouldStartWith($"registry started at {address} (pid");
        settings.Address.ShouldBe(address);
        (await File.ReadAllTextAsync(Path.Combine(settings.StateDirectory, "registry.yml"), ct)).ShouldContain($"addr: {address}\n");
        (await _http.GetAsync($"http://{address}/v2/", ct)).IsSuccessStatusCode.ShouldBeTrue();
    }

    public async ValueTask DisposeAsync()
    {
        var pidFile = Path.Combine(_settings.StateDirectory, "registry.pid");
        if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile), out var pid))
            try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { }
        _http.Dispose();
        Directory.Delete(_root, recursive: true);
    }


    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("connection refused");
    }
}
