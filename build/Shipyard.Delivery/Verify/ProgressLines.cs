namespace Shipyard.Delivery.Verify;

/// <summary>Writes a progress line only when the state's message or progress changes.</summary>
internal sealed class ProgressLines(VerifyRequest request)
{
    private string? _last;

    public async Task ReportAsync(RolloutState state) => await WriteAsync($"{state.Progress}: {state.Message}");

    public async Task WriteAsync(string text)
    {
        var line = $"{request.Name}: {text}";
        if (line == _last) return;
        _last = line;
        await request.Log.WriteLineAsync(line);
    }
}
