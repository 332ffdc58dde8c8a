namespace Shipyard.Engine;

/// <summary>The secret values of a run; every writer of the run masks them as <c>***</c>.</summary>
internal sealed class SecretSet
{
    private readonly Lock _gate = new();
    private string[] _values = [];

    /// <summary>Called with each value added after a host started (GitHub must learn it with add-mask).</summary>
    public Action<string>? Added { get; set; }

    public void Add(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (_gate)
        {
            if (_values.Contains(value)) return;
            // Longest first so a secret containing another is masked whole.
            _values = [.. _values.Append(value).OrderByDescending(v => v.Length)];
        }
        Added?.Invoke(value);
    }

    /// <summary>The raw values, for the one host call that must learn them (GitHub's add-mask).</summary>
    public IReadOnlyList<string> Values => _values;

    public string Mask(string text)
    {
        var values = _values;
        foreach (var value in values)
            text = text.Replace(value, "***", StringComparison.Ordinal);
        return text;
    }
}
