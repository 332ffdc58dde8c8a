using System.Collections;
using System.Runtime.InteropServices;
using System.Text;

namespace Shipyard.Engine;

/// <summary>Builds the session of a real process: stdout, environment, current directory, Ctrl-C / SIGTERM.</summary>
internal static class ConsoleSessionFactory
{
    public static BuildSession Create()
    {
        // A plain UTF-8 stream writer: cheaper to set up than Console.Out and never writes a byte-order mark.
        var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 4096) { AutoFlush = true };
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            environment[(string)entry.Key] = (string?)entry.Value ?? "";

        var cancellation = new CancellationTokenSource();
        // The first signal cancels the running target (assured targets still run); a second one ends the process.
        void OnSignal(PosixSignalContext context)
        {
            if (cancellation.IsCancellationRequested) return;
            context.Cancel = true;
            cancellation.Cancel();
        }
        var registrations = new[]
        {
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        };
        // Keeps the registrations alive (they unregister when collected) for as long as the token is in use.
        cancellation.Token.Register(() => GC.KeepAlive(registrations));

        return new BuildSession(output, environment, System.Environment.CurrentDirectory, cancellation.Token, TimeProvider.System)
        {
            RootSearchFallback = AppContext.BaseDirectory,
            Color = UseColor(Console.IsOutputRedirected, environment),
        };
    }

    /// <summary>Colour only on an interactive terminal, and never when <c>NO_COLOR</c> is set to anything (no-color.org).</summary>
    internal static bool UseColor(bool outputRedirected, IReadOnlyDictionary<string, string> environment) =>
        !outputRedirected && !(environment.TryGetValue("NO_COLOR", out var noColor) && noColor.Length > 0);
}
