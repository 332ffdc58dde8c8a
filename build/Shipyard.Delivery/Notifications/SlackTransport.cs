using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Shipyard.Delivery.Notifications;

/// <summary>
/// One Slack POST with the retry rules: 429 waits its <c>Retry-After</c>, 5xx, timeouts and network errors back off;
/// attempts and the total wait are both capped, so an outage or a 429 storm costs a bounded time, never the build.
/// </summary>
internal sealed class SlackTransport(HttpClient http, SlackSettings settings, TimeProvider time)
{
    public async Task<SlackResponse> PostAsync(Uri url, string? bearer, string json, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            var (response, retryAfter, failure) = await AttemptAsync(url, bearer, json, cancellationToken);
            if (response is not null) return response;
            var delay = retryAfter ?? settings.RetryDelay * attempt;
            if (attempt >= settings.MaxAttempts)
                return new SlackResponse(0, "", $"{failure} (gave up after {attempt} attempts)");
            if (waited + delay > settings.MaxRetryWait)
                return new SlackResponse(0, "", $"{failure} (gave up after {attempt} attempts: waiting {delay.TotalSeconds:0.#} s more would pass the {settings.MaxRetryWait.TotalSeconds:0.#} s retry budget)");
            waited += delay;
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>A final response, or (null, wait hint, reason) for a retryable failure.</summary>
    private async Task<(SlackResponse?, TimeSpan?, string)> AttemptAsync(Uri url, string? bearer, string json, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return (null, RetryAfter(response) ?? settings.RetryDelay, "rate limited by Slack (HTTP 429)");
            if (status >= 500) return (null, null, $"Slack answered HTTP {status}");
            return (new SlackResponse(status, body, null), null, "");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, $"no answer from Slack within {settings.RequestTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            // The message names host and port at most; the caller masks it anyway (a webhook URL is a secret).
            return (null, null, $"could not reach Slack ({e.Message})");
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero,
            _ => null,
        };
}
