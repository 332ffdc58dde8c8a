using System.Globalization;
using System.Text;

namespace Shipyard.Delivery.Tests.Reliability;

/// <summary>
/// Lets a reliability test contribute a figure to <c>./build.sh Reliability</c>: when the environment variable
/// <see cref="Variable"/> names a file, <see cref="Record"/> appends one line <c>name TAB value TAB total</c> to it;
/// otherwise (a plain test run) it does nothing. The report sums the lines of one name, so a theory can record one
/// line per case.
/// </summary>
public static class ReliabilityFigures
{
    /// <summary>The environment variable naming the figures file.</summary>
    public const string Variable = "SHIPYARD_FIGURES";

    private static readonly Lock Gate = new();

    /// <summary>Records <paramref name="value"/> of <paramref name="total"/> under <paramref name="name"/> (e.g. 70 of 70 bad-input cases held).</summary>
    public static void Record(string name, long value, long total) =>
        AppendTo(Environment.GetEnvironmentVariable(Variable), name, value, total);

    /// <summary>
    /// One case counted under <paramref name="name"/>: disposing it records 1 of 1 when <see cref="ReliabilityCase.Held"/>
    /// was called, else 0 of 1 (an assertion failed before the end of the test).
    /// </summary>
    public static ReliabilityCase Case(string name) => Case(name, Environment.GetEnvironmentVariable(Variable));

    /// <summary>One case counted under <paramref name="name"/> into <paramref name="file"/> (null or empty: nowhere).</summary>
    public static ReliabilityCase Case(string name, string? file) => new(name, file);

    /// <summary>Appends the line to <paramref name="file"/>; null or empty: nothing.</summary>
    public static void AppendTo(string? file, string name, long value, long total)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0) throw new ArgumentException($"A figure's name is one line without tabs: '{name}'.", nameof(name));
        if (string.IsNullOrEmpty(file)) return;
        var line = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{name}\t{value}\t{total}\n"));
        // One write per line with O_APPEND: lines from test processes running side by side never interleave.
        lock (Gate)
        {
            using var stream = new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            stream.Write(line);
        }
    }
}
