namespace Shipyard.Delivery.Changes;

/// <summary>The rules that one diff's paths hit: per service and rule, how many files; and the build-wide files.</summary>
internal sealed class PathMatches
{
    private readonly Dictionary<PathRule, int>[] _hits;
    private readonly List<string> _buildWide = [];

    public PathMatches(int services)
    {
        _hits = new Dictionary<PathRule, int>[services];
        for (var i = 0; i < services; i++) _hits[i] = [];
    }

    /// <summary>Build-wide files that changed (every service is affected when non-empty).</summary>
    public IReadOnlyList<string> BuildWide => _buildWide;

    /// <summary>Number of build-wide files that changed.</summary>
    public int BuildWideCount { get; private set; }

    public void AddBuildWide(string path)
    {
        BuildWideCount++;
        if (_buildWide.Count < 3) _buildWide.Add(path);
    }

    public void Add(PathRule rule) => _hits[rule.Service][rule] = _hits[rule.Service].GetValueOrDefault(rule) + 1;

    /// <summary>The rules of <paramref name="kinds"/> that service <paramref name="service"/> hit, with file counts, in a stable order.</summary>
    public IEnumerable<(PathRule Rule, int Files)> For(int service, params MatchKind[] kinds) =>
        _hits[service].Where(h => kinds.Contains(h.Key.Kind))
            .OrderBy(h => h.Key.Kind).ThenBy(h => h.Key.Prefix, StringComparer.Ordinal)
            .Select(h => (h.Key, h.Value));
}
