using Shipyard.Delivery.Tests.Infrastructure;

namespace Shipyard.Delivery.Tests.Ssm;

/// <summary>One real moto server per test class (EC2, S3, SSM); each test starts from <see cref="ResetAsync"/>.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoS3Server? _server;

    /// <summary>The server's endpoint.</summary>
    public Uri Endpoint => _server!.Endpoint;

    /// <summary>Forgets every bucket, instance and command.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(Endpoint, "/moto-api/reset"), null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => _server = await MotoS3Server.StartAsync(CancellationToken.None);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
