using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Changes;

/// <summary>
/// Turns changed paths into the affected set, by the rules: a service's folder, Dockerfile or watched paths → build
/// and deploy; shared code in its <see cref="Service.Dependencies"/> → build and deploy; its manifest folder → deploy
/// only; a build-wide file → everything. Pure: no git, no I/O. A service missing from the catalog (deleted) is never
/// built, since only catalog services are considered.
/// </summary>
public sealed class AffectedSetCalculator
{
    private readonly IReadOnlyList<Service> _catalog;
    private readonly PathIndex _index;

    /// <summary>Indexes the catalog's paths once; the calculator is then reused for every diff.</summary>
    public AffectedSetCalculator(IReadOnlyList<Service> catalog, ChangeRules? rules = null)
    {
        _catalog = catalog;
        _index = new PathIndex(catalog, rules ?? ChangeRules.Default);
    }

    /// <summary>The affected set when every service is compared to the same base.</summary>
    public IReadOnlyList<AffectedService> Compute(IReadOnlyList<string> changedPaths)
    {
        var matches = Match(changedPaths);
        return [.. _catalog.Select((s, i) => Combine(i, matches, matches, null))];
    }

    /// <summary>
    /// The affected set when services have their own bases. <paramref name="changesSince"/> gives the changed paths
    /// from a base SHA to the head; it is called once per distinct base.
    /// </summary>
    public IReadOnlyList<AffectedService> Compute(IReadOnlyList<ServiceBase> bases, Func<string, IReadOnlyList<string>> changesSince)
    {
        var cache = new Dictionary<string, PathMatches>(StringComparer.Ordinal);
        PathMatches For(string sha) => cache.TryGetValue(sha, out var m) ? m : cache[sha] = Match(changesSince(sha));

        var result = new List<AffectedService>(bases.Count);
        foreach (var b in bases)
        {
            var i = IndexOf(b.Service);
            if (b.Source.Sha is null)
            {
                result.Add(new AffectedService(b.Service, true, true, [$"everything: {b.Source.Reason}"]));
                continue;
            }
            var manifest = b.Manifest.Sha is null ? null : For(b.Manifest.Sha);
            var affected = Combine(i, For(b.Source.Sha), manifest, b.Source.Sha == b.Manifest.Sha ? null : b.Source);
            if (b.Manifest.Sha is null && !affected.Deploy)
                affected = affected with { Deploy = true, Reasons = [.. affected.Reasons.Where(r => r != "unchanged"), $"manifest: {b.Manifest.Reason}"] };
            result.Add(affected);
        }
        return result;
    }

    internal PathMatches Match(IReadOnlyList<string> changedPaths)
    {
        var matches = new PathMatches(_catalog.Count);
        foreach (var path in changedPaths)
        {
            if (_index.IsBuildWide(path)) matches.AddBuildWide(path);
            _index.Match(path, matches.Add);
        }
        return matches;
    }

    private AffectedService Combine(int i, PathMatches source, PathMatches? manifest, BaseChoice? ownBase)
    {
        var reasons = new List<string>();
        var since = ownBase is null ? "" : $" since {ownBase.Reason}";
        if (source.BuildWideCount > 0)
            reasons.Add($"build-wide: {string.Join(", ", source.BuildWide)}{More(source.BuildWideCount - source.BuildWide.Count)}{since}");
        foreach (var (rule, files) in source.For(i, MatchKind.Source, MatchKind.Dependency))
            reasons.Add($"{(rule.Kind == MatchKind.Dependency ? "dependency " : "")}{rule.Prefix} ({Files(files)}){since}");
        var build = reasons.Count > 0;
        var manifestHits = manifest?.For(i, MatchKind.Manifest).ToList() ?? [];
        foreach (var (rule, files) in manifestHits)
            reasons.Add($"manifest {rule.Prefix} ({Files(files)})");
        if (reasons.Count == 0) reasons.Add("unchanged");
        return new AffectedService(_catalog[i], build, build || manifestHits.Count > 0, reasons);
    }

    private int IndexOf(Service service)
    {
        for (var i = 0; i < _catalog.Count; i++)
            if (ReferenceEquals(_catalog[i], service) || _catalog[i].Name == service.Name) return i;
        throw new ArgumentException($"Service '{service.Name}' is not in the catalog the calculator was built from.", nameof(service));
    }

    private static string Files(int n) => n == 1 ? "1 file" : $"{n} files";

    private static string More(int n) => n > 0 ? $" (+{n} more)" : "";
}
