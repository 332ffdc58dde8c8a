using System.Net;

namespace Shipyard.Delivery.Verify;

/// <summary>GET the health URL until it answers 2xx or the deadline passes (the seeds' curl loops, without sleeping blind).</summary>
internal sealed class HealthCheck(HttpClient http, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>Null when healthy; else the last answer or error.</summary>
    public async Task<string?> WaitAsync(Uri url, TextWriter log, CancellationToken cancellationToken)
    {
        string? last = null;
        try
        {
            return await LoopAsync();
        }
        catch (OperationCanceledException)
        {
            return $"health check {url} did not answer 2xx before the deadline (last: {last ?? "no answer"})";
        }

        async Task<string?> LoopAsync()
        {
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.IsSuccessStatusCode) return null;
                last = $"{(int)response.StatusCode} {ReasonOf(response.StatusCode)}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "request timed out";
            }
            await log.WriteLineAsync($"health {url}: {last}; retrying");
            await Task.Delay(Interval, time, cancellationToken);
        }
        }
    }

    private static string ReasonOf(HttpStatusCode code) => code.ToString();
}
