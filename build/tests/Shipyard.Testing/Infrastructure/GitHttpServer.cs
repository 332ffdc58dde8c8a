using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Tests.Infrastructure;

/// <summary>
/// Git over HTTP with basic auth, like GitHub with a token: nginx (own temp config, free 127.0.0.1 port,
/// <c>auth_basic</c>) in front of fcgiwrap (temp unix socket) running <c>git-http-backend</c>. Both run as the current
/// user (root here), so the repositories they serve, made by this user, pass git's ownership check. Stopped by PID.
/// </summary>
public sealed class GitHttpServer : IAsyncDisposable
{
    public const string User = "x-access-token";
    private readonly string _root;
    private readonly Process _nginx;
    private readonly Process _fcgiwrap;

    private GitHttpServer(string root, int port, string password, Process nginx, Process fcgiwrap)
    {
        (_root, Port, Password, _nginx, _fcgiwrap) = (root, port, password, nginx, fcgiwrap);
    }

    public int Port { get; }

    /// <summary>The one accepted password (the "token").</summary>
    public string Password { get; }

    /// <summary>Folder whose bare repositories are served (<c>http://127.0.0.1:port/name.git</c>).</summary>
    public string RepositoryRoot => Path.Combine(_root, "repos");

    public string UrlOf(string repository) => $"http://127.0.0.1:{Port}/{repository}";

    public static async Task<GitHttpServer> StartAsync()
    {
        foreach (var binary in new[] { "/usr/sbin/nginx", "/usr/sbin/fcgiwrap", "/usr/bin/htpasswd", "/usr/lib/git-core/git-http-backend" })
            if (!File.Exists(binary))
                throw new InvalidOperationException($"{binary} is missing: apt-get install -y nginx fcgiwrap apache2-utils git");
        var root = Directory.CreateTempSubdirectory("git-http-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "repos"));
        Directory.CreateDirectory(Path.Combine(root, "logs"));
        var password = $"tok-{Guid.NewGuid():N}";
        await new ProcessRunner(TextWriter.Null, s => s).RunAsync("htpasswd", ["-bc", Path.Combine(root, "htpasswd"), User, password], new ProcessOptions { Echo = false });

        var socket = Path.Combine(root, "fcgi.sock");
        var fcgiwrap = Start("/usr/sbin/fcgiwrap", "-c", "8", "-s", $"unix:{socket}");
        await WaitUntilAsync(() => File.Exists(socket), "fcgiwrap socket", fcgiwrap);

        var port = LoopbackPort.Next();
        var config = Path.Combine(root, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(root, port, socket));
        var nginx = Start("/usr/sbin/nginx", "-p", root, "-c", config);
        await WaitUntilAsync(() => CanConnect(port), $"nginx on 127.0.0.1:{port}", nginx);
        return new GitHttpServer(root, port, password, nginx, fcgiwrap);
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM by PID lets nginx's master take its workers down (a SIGKILL would orphan them).
        foreach (var p in new[] { _nginx, _fcgiwrap })
        {
            if (!p.HasExited) await TerminateAsync(p.Id);
            if (!p.WaitForExit(5000)) p.Kill(entireProcessTree: true);
            p.Dispose();
        }
        // fcgiwrap's preforked workers outlive their parent: find them by this fixture's own socket path, stop by PID.
        foreach (var pid in ProcessesMentioning(Path.Combine(_root, "fcgi.sock"))) await TerminateAsync(pid);
        Directory.Delete(_root, recursive: true);
    }

    private static Task TerminateAsync(int pid) =>
        new ProcessRunner(TextWriter.Null, s => s).RunAsync("kill", ["-TERM", pid.ToString()], new ProcessOptions { Echo = false, Check = false });

    private static List<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        return found;
    }

    private static string Config(string root, int port, string socket) => $$"""
        daemon off;
        master_process on;
        worker_processes 1;
        user root;
        pid {{root}}/nginx.pid;
        error_log {{root}}/logs/error.log;
        events { worker_connections 256; }
        http {
          access_log off;
          client_body_temp_path {{root}}/body; fastcgi_temp_path {{root}}/fastcgi; proxy_temp_path {{root}}/proxy;
          uwsgi_temp_path {{root}}/uwsgi; scgi_temp_path {{root}}/scgi;
          server {
            listen 127.0.0.1:{{port}};
            client_max_body_size 0;
            location / {
              auth_basic "git";
              auth_basic_user_file {{root}}/htpasswd;
              include /etc/nginx/fastcgi_params;
              fastcgi_pass unix:{{socket}};
              fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend;
              fastcgi_param GIT_PROJECT_ROOT {{root}}/repos;
              fastcgi_param GIT_HTTP_EXPORT_ALL "";
              fastcgi_param PATH_INFO $uri;
              fastcgi_param REMOTE_USER $remote_user;
            }
          }
        }
        """;

    private static Process Start(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        var p = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static async Task WaitUntilAsync(Func<bool> ready, string what, Process process)
    {
        for (var i = 0; i < 100; i++)
        {
            if (ready()) return;
            if (process.HasExited) throw new InvalidOperationException($"{what}: process exited with code {process.ExitCode}");
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"{what} did not come up within 5 s");
    }


    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
