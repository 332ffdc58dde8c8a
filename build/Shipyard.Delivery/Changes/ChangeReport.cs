using System.Text;
using System.Text.Json;

namespace Shipyard.Delivery.Changes;

/// <summary>Views of a <see cref="ChangeSet"/>: the table for people and the outputs for the CI matrix.</summary>
public static class ChangeReport
{
    /// <summary>
    /// A fixed-width table <c>service | build | deploy | why</c>, preceded by the bases. Every catalog service is
    /// listed so an unaffected one is visibly unaffected.
    /// </summary>
    public static string Table(ChangeSet changes)
    {
        var text = new StringBuilder();
        text.AppendLine($"Changes {changes.EventBase.Short}..{changes.Head[..Math.Min(7, changes.Head.Length)]} (base: {changes.EventBase.Reason})");
        var rows = changes.Services
            .Select(s => (s.Service.Name, Build: YesNo(s.Build), Deploy: YesNo(s.Deploy), Why: string.Join("; ", s.Reasons)))
            .Prepend(("service", "build", "deploy", "why")).ToList();
        var w1 = rows.Max(r => r.Item1.Length);
        foreach (var (name, build, deploy, why) in rows)
            text.AppendLine($"{name.PadRight(w1)} | {build,-5} | {deploy,-6} | {why}".TrimEnd());
        if (!changes.Any) text.AppendLine("No service changed: nothing to build or deploy.");
        return text.ToString();
    }

    /// <summary>The table as markdown, for the CI job summary.</summary>
    public static string Markdown(ChangeSet changes)
    {
        var text = new StringBuilder();
        text.AppendLine($"### Changes {changes.EventBase.Short}..{changes.Head[..Math.Min(7, changes.Head.Length)]} ({changes.EventBase.Reason})");
        text.AppendLine().AppendLine("| service | build | deploy | why |").AppendLine("| --- | --- | --- | --- |");
        foreach (var s in changes.Services)
            text.AppendLine($"| {s.Service.Name} | {YesNo(s.Build)} | {YesNo(s.Deploy)} | {string.Join("; ", s.Reasons).Replace("|", "\\|")} |");
        return text.ToString();
    }

    /// <summary>
    /// The CI outputs: <c>matrix</c> (<c>{"include":[{"service":..,"build":..,"deploy":..}]}</c>, affected services
    /// only), <c>services</c> (comma list) and <c>any</c> (<c>true</c>/<c>false</c>: GitHub rejects an empty matrix, so
    /// the matrix job is guarded by it).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Outputs(ChangeSet changes)
    {
        var affected = changes.Affected;
        return
        [
            new("matrix", MatrixJson(affected)),
            new("services", string.Join(',', affected.Select(a => a.Service.Name))),
            new("any", changes.Any ? "true" : "false"),
        ];
    }

    /// <summary>The matrix JSON, compact and in catalog order.</summary>
    public static string MatrixJson(IReadOnlyList<AffectedService> affected)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("include");
            foreach (var a in affected)
            {
                json.WriteStartObject();
                json.WriteString("service", a.Service.Name);
                json.WriteBoolean("build", a.Build);
                json.WriteBoolean("deploy", a.Deploy);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
