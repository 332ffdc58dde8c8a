namespace Shipyard.Delivery.ArgoCd;

/// <summary>
/// Why an application failed, in the resources' own words. Real Argo CD leaves the application's health message empty:
/// the reasons live on the resources (<c>status.resources[].health</c> in Argo CD 2, the resource tree in Argo CD 3,
/// where the tree also holds the Pods whose containers crash) and in the sync operation's results.
/// </summary>
internal static class ArgoReasons
{
    private static readonly string[] Unhealthy = ["Degraded", "Missing"];
    private static readonly string[] NotYetHealthy = ["Degraded", "Missing", "Progressing", "Suspended", "Unknown"];

    /// <summary>
    /// Every reason, most specific first: failed sync results and hooks, the failed operation's message, then unhealthy
    /// resources (from <c>status.resources</c> and <paramref name="tree"/>, one line per object). With
    /// <paramref name="notYetHealthy"/> (a deadline passed) Progressing, Suspended and Unknown resources count too.
    /// </summary>
    public static IReadOnlyList<string> Of(ArgoApplication app, ArgoResourceTree? tree, bool notYetHealthy = false)
    {
        var reasons = new List<string>();
        var op = app.Status?.OperationState;
        var failedOperation = op?.Phase is "Failed" or "Error";
        if (failedOperation)
        {
            foreach (var r in op!.SyncResult?.Resources ?? [])
                if (r.Status == "SyncFailed" || r.HookPhase is "Failed" or "Error")
                    reasons.Add(Line(r.Kind, r.Namespace, r.Name, r.Message ?? r.HookPhase ?? r.Status));
            if (!string.IsNullOrWhiteSpace(op.Message)) reasons.Add($"operation {op.Phase}: {OneLine(op.Message)}");
        }

        var wanted = notYetHealthy ? NotYetHealthy : Unhealthy;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var objects = (tree?.Nodes ?? []).Select(n => (n.Kind, n.Namespace, n.Name, n.Health))
            .Concat((app.Status?.Resources ?? []).Select(r => (r.Kind, r.Namespace, r.Name, r.Health)));
        foreach (var (kind, ns, name, health) in objects)
        {
            // The tree comes first: it has the Argo CD 3 health, and the same object is listed once.
            if (health?.Status is not { } status || !wanted.Contains(status) || !seen.Add($"{kind}/{ns}/{name}")) continue;
            reasons.Add(Line(kind, ns, name, health.Message is { Length: > 0 } m ? Trim(m, kind, name) : status));
        }

        if (reasons.Count == 0 && app.Status?.Health?.Message is { Length: > 0 } appMessage) reasons.Add(OneLine(appMessage));
        return reasons;
    }

    /// <summary>One line for the summary: the first <paramref name="max"/> reasons, and how many more the log lists.</summary>
    public static string Summary(IReadOnlyList<string> reasons, int max = 3) => reasons.Count switch
    {
        0 => "no resource reported a reason",
        _ when reasons.Count <= max => string.Join("; ", reasons),
        _ => string.Join("; ", reasons.Take(max)) + $"; and {reasons.Count - max} more (see the log)",
    };

    private static string Line(string? kind, string? ns, string? name, string? message) =>
        $"{kind} {(string.IsNullOrEmpty(ns) ? "" : ns + "/")}{name}: {OneLine(message ?? "")}";

    // Kubernetes messages often repeat the object ("Deployment \"todo-api\" exceeded ..."), which the line already names.
    private static string Trim(string message, string? kind, string? name)
    {
        var prefix = $"{kind} \"{name}\" ";
        return message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
