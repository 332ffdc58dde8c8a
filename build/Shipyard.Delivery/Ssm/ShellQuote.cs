namespace Shipyard.Delivery.Ssm;

/// <summary>POSIX shell quoting: every value becomes one word, whatever it holds.</summary>
internal static class ShellQuote
{
    /// <summary><c>'value'</c>, with each <c>'</c> written as <c>'\''</c> (close, escaped quote, reopen).</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A command line of quoted words.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
