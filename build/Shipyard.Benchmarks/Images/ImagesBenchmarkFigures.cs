namespace Shipyard.Benchmarks.Images;

/// <summary>What adding tags through the registry API moved, against what a full image push moves.</summary>
/// <param name="ExtraTags">Tags added.</param>
/// <param name="Requests">HTTP requests made (HEAD check + PUT per tag, plus the one manifest GET).</param>
/// <param name="BytesSent">Bytes sent (request lines, headers, manifest bodies).</param>
/// <param name="BytesReceived">Response body bytes received.</param>
/// <param name="ImageBytes">Config plus compressed layer sizes: what one push of the image uploads.</param>
/// <param name="Elapsed">Wall time of adding the tags.</param>
public sealed record ImagesBenchmarkFigures(int ExtraTags, int Requests, long BytesSent, long BytesReceived, long ImageBytes, TimeSpan Elapsed)
{
    /// <summary>Bytes sent for all extra tags divided by the image size (pushing each tag as an image would be ExtraTags × 1.0).</summary>
    public double Ratio => ImageBytes == 0 ? 0 : (double)BytesSent / ImageBytes;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{ExtraTags} extra tags: {Requests} requests, {BytesSent:N0} bytes sent, {BytesReceived:N0} received, in {Elapsed.TotalMilliseconds:N0} ms; " +
        $"image {ImageBytes:N0} bytes; sent/image = {Ratio:P3} (a push per tag: {ExtraTags}× the image)";
}
