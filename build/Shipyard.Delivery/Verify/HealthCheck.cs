namespace Shipyard.Delivery.Verify;

/// <summary>GET the health URL until it answers 2xx or the deadline passes (the seeds' curl loops, without sleeping blind).</summary>
internal sealed class HealthCheck(HttpClient http, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>Null when healthy; else why not, with the last answer. <paramref name="cancellationToken"/> is the deadline.</summary>
    public async Task<string?> WaitAsync(Uri url, TextWriter log, CancellationToken cancellationToken)
    {
        string? last = null;
        try
        {
            while (true)
            {
                last = await ProbeAsync(url, cancellationToken);
                if (last is null) return null;
                await log.WriteLineAsync($"health {url}: {last}; retrying");
                await Task.Delay(Interval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            return $"health check {url} did not answer 2xx before the deadline (last: {last ?? "no answer"})";
        }
    }

    // Null for 2xx; else the status or the error.
    private async Task<string?> ProbeAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "request timed out";
        }
    }
}
