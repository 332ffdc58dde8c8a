using System.Globalization;

namespace Shipyard.Benchmarks.Reliability;

/// <summary>
/// The figures file the reliability tests append to (one line <c>name TAB value TAB total</c> each; the test side is
/// <c>ReliabilityFigures</c> in build/tests/Shipyard.Testing), summed by name. A line that is not of that shape
/// (a test process killed mid-write) is counted in <see cref="Unreadable"/>, never guessed at.
/// </summary>
public sealed class RecordedFigures
{
    /// <summary>The environment variable that names the figures file for the tests.</summary>
    public const string Variable = "SHIPYARD_FIGURES";

    private readonly Dictionary<string, RecordedFigure> _figures;

    private RecordedFigures(Dictionary<string, RecordedFigure> figures, int unreadable) => (_figures, Unreadable) = (figures, unreadable);

    /// <summary>No figure recorded.</summary>
    public static RecordedFigures None { get; } = new([], 0);

    /// <summary>Lines that were not <c>name TAB value TAB total</c>.</summary>
    public int Unreadable { get; }

    /// <summary>The figure called <paramref name="name"/>, or null when no test recorded it.</summary>
    public RecordedFigure? Find(string name) => _figures.GetValueOrDefault(name);

    /// <summary>Reads the file; a file that does not exist means no figures.</summary>
    public static RecordedFigures Read(string path) => File.Exists(path) ? Parse(File.ReadAllLines(path)) : None;

    /// <summary>Sums <paramref name="lines"/> by name.</summary>
    public static RecordedFigures Parse(IEnumerable<string> lines)
    {
        var figures = new Dictionary<string, RecordedFigure>(StringComparer.Ordinal);
        var unreadable = 0;
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            var fields = line.Split('\t');
            if (fields.Length != 3 || fields[0].Length == 0
                || !long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                || !long.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var total))
            {
                unreadable++;
                continue;
            }
            figures[fields[0]] = figures.TryGetValue(fields[0], out var sum)
                ? sum with { Value = sum.Value + value, Total = sum.Total + total, Lines = sum.Lines + 1 }
                : new RecordedFigure(fields[0], value, total, 1);
        }
        return new RecordedFigures(figures, unreadable);
    }
}
