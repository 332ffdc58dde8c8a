using System.Text.RegularExpressions;
using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Changes;

/// <summary>How a changed path relates to a service.</summary>
internal enum MatchKind
{
    /// <summary>The service's own folder, Dockerfile or watched paths: rebuild and redeploy.</summary>
    Source,

    /// <summary>Shared code the service depends on: rebuild and redeploy.</summary>
    Dependency,

    /// <summary>The folder of the service's GitOps manifest: redeploy without rebuilding.</summary>
    Manifest,
}

/// <summary>One rule: paths under <see cref="Prefix"/> affect <see cref="Service"/> in the way of <see cref="Kind"/>.</summary>
internal readonly record struct PathRule(int Service, MatchKind Kind, string Prefix);

/// <summary>
/// The catalog's path rules as a dictionary keyed by folder or file path. A changed path with k segments costs k
/// span lookups (no allocation, no scan over services), so matching is O(changed files × depth), independent of
/// the number of services.
/// </summary>
internal sealed class PathIndex
{
    private readonly Dictionary<string, List<PathRule>> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PathRule>>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly HashSet<string> _buildWideExact = new(StringComparer.Ordinal);
    private readonly List<string> _buildWideFolders = [];
    private readonly List<Regex> _buildWidePatterns = [];

    public PathIndex(IReadOnlyList<Service> services, ChangeRules rules)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var s = services[i];
            Add(s.Directory, i, MatchKind.Source);
            Add(s.Dockerfile, i, MatchKind.Source);
            foreach (var p in s.WatchedPaths) Add(p, i, MatchKind.Source);
            foreach (var p in s.Dependencies) Add(p, i, MatchKind.Dependency);
            var manifestFolder = Path.GetDirectoryName(Normalize(s.Manifest.Path))?.Replace('\\', '/');
            Add(string.IsNullOrEmpty(manifestFolder) ? s.Manifest.Path : manifestFolder, i, MatchKind.Manifest);
        }
        foreach (var p in rules.BuildWide)
        {
            if (p.Contains('*'))
                _buildWidePatterns.Add(new Regex("^" + Regex.Escape(p).Replace("\\*", "[^/]*") + "$", RegexOptions.CultureInvariant));
            else if (p.EndsWith('/')) _buildWideFolders.Add(p);
            else _buildWideExact.Add(p);
        }
        _lookup = _rules.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>True when <paramref name="path"/> is a build-wide file (affects every service).</summary>
    public bool IsBuildWide(string path)
    {
        if (_buildWideExact.Contains(path)) return true;
        foreach (var folder in _buildWideFolders)
            if (path.StartsWith(folder, StringComparison.Ordinal)) return true;
        foreach (var pattern in _buildWidePatterns)
            if (pattern.IsMatch(path)) return true;
        return false;
    }

    /// <summary>Calls <paramref name="onMatch"/> for every rule whose folder or file contains <paramref name="path"/>.</summary>
    public void Match(string path, Action<PathRule> onMatch)
    {
        var span = path.AsSpan();
        for (var i = 0; i <= span.Length; i++)
        {
            if (i < span.Length && span[i] != '/') continue;
            if (_lookup.TryGetValue(span[..i], out var rules))
                foreach (var rule in rules) onMatch(rule);
        }
    }

    private void Add(string path, int service, MatchKind kind)
    {
        var key = Normalize(path);
        if (key.Length == 0) return; // the repository root would match everything: never a rule
        if (!_rules.TryGetValue(key, out var list)) _rules[key] = list = [];
        if (!list.Exists(r => r.Service == service && r.Kind == kind)) list.Add(new PathRule(service, kind, key));
    }

    private static string Normalize(string path)
    {
        var p = path.Replace('\\', '/').Trim();
        while (p.StartsWith("./", StringComparison.Ordinal)) p = p[2..];
        return p == "." ? "" : p.TrimEnd('/');
    }
}
