namespace Shipyard.Delivery.Images;

/// <summary>Counts what goes over the wire: request line, headers and body sent; response body received.</summary>
internal sealed class ByteCountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private long _sent;
    private long _received;
    private int _requests;

    public long BytesSent => Interlocked.Read(ref _sent);

    public long BytesReceived => Interlocked.Read(ref _received);

    public int Requests => _requests;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        long sent = request.Method.Method.Length + request.RequestUri!.PathAndQuery.Length + 12;
        sent += request.Headers.Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v.Length));
        if (request.Content is not null)
        {
            sent += request.Content.Headers.Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v.Length));
            sent += (await request.Content.ReadAsByteArrayAsync(cancellationToken)).Length;
        }
        Interlocked.Add(ref _sent, sent);
        Interlocked.Increment(ref _requests);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content is not null)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            Interlocked.Add(ref _received, response.Content.Headers.ContentLength ?? 0);
        }
        return response;
    }
}
