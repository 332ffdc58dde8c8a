namespace Shipyard.Benchmarks.Reliability;

/// <summary>One figure the tests recorded, summed over its lines (a theory records one line per case).</summary>
/// <param name="Name">The figure's name, e.g. <c>bad-input cases</c>.</param>
/// <param name="Value">The sum of the values (cases held, occurrences found, updates lost).</param>
/// <param name="Total">The sum of the totals (cases, canaries, writes).</param>
/// <param name="Lines">How many lines were summed.</param>
public sealed record RecordedFigure(string Name, long Value, long Total, int Lines);
