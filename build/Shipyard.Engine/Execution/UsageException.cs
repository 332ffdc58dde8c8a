namespace Shipyard.Engine;

/// <summary>Bad input from the user: the build prints the one-line message and exits with code 2, having changed nothing.</summary>
public sealed class UsageException(string message) : Exception(message)
{
    /// <summary>
    /// Escapes line breaks and other control characters of a value quoted in a message (<c>todo-api\nid</c>), so
    /// an echoed value can never split the one line a usage error promises.
    /// </summary>
    public static string Escape(string value)
    {
        if (!value.Any(char.IsControl)) return value;
        var builder = new System.Text.StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }

    /// <summary>
    /// The message as the one line the engine prints: a message that still spans lines (a parser's own text, an
    /// unescaped value) has its line breaks escaped rather than cut, so nothing the user needs is lost.
    /// </summary>
    public static string OneLine(string message) => Escape(message.Trim());
}
