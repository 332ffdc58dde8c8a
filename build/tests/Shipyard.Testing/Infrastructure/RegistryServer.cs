using System.Diagnostics;
using System.Net;

namespace Shipyard.Delivery.Tests.Infrastructure;

/// <summary>
/// A real distribution v2 registry (Debian <c>docker-registry</c>) on a free 127.0.0.1 port with its own storage
/// folder, optionally behind htpasswd Basic auth. Stopped by PID on dispose.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    // Basic credentials of an htpasswd registry, so PutImageAsync can put images into it too.
    private string? _basic;

    private RegistryServer(Process process, string root, int port) => (_process, _root, Port) = (process, root, port);

    public int Port { get; }

    /// <summary>host:port as used in image references.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>Starts a registry; with <paramref name="username"/> it requires htpasswd Basic auth.</summary>
    /// <param name="username">User of the htpasswd file, or null for anonymous access.</param>
    /// <param name="password">Its password.</param>
    /// <param name="authConfig">A raw <c>auth:</c> YAML line instead (e.g. token auth), or null.</param>
    public static async Task<RegistryServer> StartAsync(string? username = null, string? password = null, string? authConfig = null)
    {
        var binary = Require("docker-registry", "apt-get install -y docker-registry");
        var root = Directory.CreateTempSubdirectory("registry-").FullName;
        var port = FreePort();
        var auth = authConfig is null ? "" : authConfig + "\n";
        if (username is not null)
        {
            var htpasswd = Require("htpasswd", "apt-get install -y apache2-utils");
            using var h = Process.Start(new ProcessStartInfo(htpasswd, ["-Bbc", Path.Combine(root, "htpasswd"), username, password!])
            { RedirectStandardError = true, RedirectStandardOutput = true })!;
            await h.WaitForExitAsync();
            if (h.ExitCode != 0) throw new InvalidOperationException($"htpasswd failed: {await h.StandardError.ReadToEndAsync()}");
            auth = $"auth: {{htpasswd: {{realm: test, path: {root}/htpasswd}}}}\n";
        }
        var config = Path.Combine(root, "config.yml");
        await File.WriteAllTextAsync(config,
            $"version: 0.1\nlog: {{level: error}}\nstorage: {{filesystem: {{rootdirectory: {root}/data}}, delete: {{enabled: true}}}}\n" +
            $"http: {{addr: 127.0.0.1:{port}}}\n{auth}");
        var process = Process.Start(new ProcessStartInfo(binary, ["serve", config])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new RegistryServer(process, root, port);
        if (username is not null) server._basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{username}:{password}"));
        await server.WaitUntilReadyAsync();
        return server;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"docker-registry exited with code {_process.ExitCode} on port {Port}.");
            try
            {
                var status = (await http.GetAsync($"http://{Host}/v2/")).StatusCode;
                if (status is HttpStatusCode.OK or HttpStatusCode.Unauthorized) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"docker-registry did not answer on {Host} within 5 s.");
    }

    /// <summary>
    /// Puts a small image (one config blob, no layers) under <paramref name="repository"/>:<paramref name="tag"/>
    /// through the distribution API, as a push would; <paramref name="seed"/> makes different images. Returns its digest.
    /// </summary>
    public async Task<string> PutImageAsync(string repository, string tag, string seed = "")
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{Host}/") };
        if (_basic is not null) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", _basic);
        var config = System.Text.Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{{\"Labels\":{{\"seed\":\"{seed}\"}}}},\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[]}}}}");
        var configDigest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(config));
        var upload = await http.PostAsync($"v2/{repository}/blobs/uploads/", null);
        upload.EnsureSuccessStatusCode();
        var location = upload.Headers.Location!.ToString();
        var put = await http.PutAsync($"{location}{(location.Contains('?') ? '&' : '?')}digest={configDigest}", new ByteArrayContent(config));
        put.EnsureSuccessStatusCode();
        var manifest = $"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}},\"layers\":[]}}";
        var content = new StringContent(manifest);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        var response = await http.PutAsync($"v2/{repository}/manifests/{tag}", content);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    /// <summary>A free port on 127.0.0.1.</summary>
    public static int FreePort() => LoopbackPort.Next();

    internal static string Require(string program, string install) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"'{program}' is not installed; these tests need a real one: {install}");

    public async ValueTask DisposeAsync()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
