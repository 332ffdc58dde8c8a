namespace Shipyard.Delivery.Notifications;

/// <summary>
/// Writes a notifier's warnings with every secret it holds replaced by <c>***</c> — the run's masker first, then the
/// notifier's own credentials, so a warning is safe even when the masker was not told about them.
/// </summary>
internal sealed class NotifierLog(TextWriter log, Func<string, string> mask, params string?[] secrets)
{
    private readonly string[] _secrets = [.. secrets.Where(s => !string.IsNullOrEmpty(s)).Cast<string>().OrderByDescending(s => s.Length)];
    private readonly Lock _gate = new();

    public string Mask(string text)
    {
        text = mask(text);
        foreach (var secret in _secrets) text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }

    public void Warning(string message) => Write($"warning: {message}");

    public void Info(string message) => Write(message);

    private void Write(string line)
    {
        // Services notify in parallel; one TextWriter is not safe for concurrent writes.
        lock (_gate) log.WriteLine(Mask(line));
    }
}
