using Shipyard.Engine;

namespace Shipyard.Benchmarks.Reliability;

/// <summary>
/// The kinds of the reliability suite. A test belongs to it by carrying <c>[Trait("Reliability", kind)]</c> on its
/// class; <c>./build.sh Reliability</c> runs each kind's tests with <c>--filter-trait Reliability=kind</c>.
/// </summary>
public static class ReliabilityKinds
{
    /// <summary>The trait's name.</summary>
    public const string Trait = "Reliability";

    /// <summary>Racing writers, lock contention: nothing lost, never two holders.</summary>
    public const string Concurrency = "concurrency";

    /// <summary>Failures on every path: lock released, temporary bucket gone, clear error, exit code, rollback.</summary>
    public const string Faults = "faults";

    /// <summary>Bad input: one line, exit 2, nothing changed.</summary>
    public const string BadInput = "bad-input";

    /// <summary>Canary secrets: never anywhere a reader could see them.</summary>
    public const string Secrets = "secrets";

    /// <summary>Every kind, in the order the report shows them.</summary>
    public static IReadOnlyList<string> All { get; } = [Concurrency, Faults, BadInput, Secrets];

    /// <summary>
    /// The kinds named in <paramref name="values"/> (repeated or comma-separated, any case), in <see cref="All"/>
    /// order; all of them when none is named.
    /// </summary>
    /// <exception cref="UsageException">A name is not a kind.</exception>
    public static IReadOnlyList<string> Select(IEnumerable<string> values, string option)
    {
        var names = values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(n => n.ToLowerInvariant()).ToList();
        if (names.FirstOrDefault(n => !All.Contains(n)) is { } unknown)
            throw new UsageException($"{option} does not accept '{UsageException.Escape(unknown)}'. Allowed: {string.Join(", ", All)}");
        return names.Count == 0 ? All : [.. All.Where(names.Contains)];
    }
}
