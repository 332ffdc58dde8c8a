using System.Diagnostics;

namespace Shipyard.Delivery.Tests.Verify;

/// <summary>The real, preinstalled <c>kubectl rollout status</c> run against a fake API server through a temp kubeconfig.</summary>
public sealed class KubectlRolloutStatus : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private KubectlRolloutStatus(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>True once kubectl has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>kubectl rollout status kind/name -n ns --timeout=...</c>.</summary>
    public static KubectlRolloutStatus Start(string kubeconfig, string kind, string name, string ns, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(Path.GetDirectoryName(kubeconfig)!, "cache"),
                     "rollout", "status", $"{kind.ToLowerInvariant()}/{name}", "-n", ns, $"--timeout={(int)timeout.TotalSeconds}s" })
            start.ArgumentList.Add(a);
        return new KubectlRolloutStatus(Process.Start(start)!);
    }

    /// <summary>Waits for kubectl to exit: its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> WaitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return (_process.ExitCode, (await _stdout + await _stderr).Trim());
    }


    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
