using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.ArgoCd;

/// <summary>A fake Argo CD server per test, the log, and the real client built against it.</summary>
public abstract class ArgoFixture : IAsyncLifetime
{
    protected const string Old = "0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0";
    protected const string New = "1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b";

    protected FakeArgoCdApi Api { get; private set; } = null!;
    protected StringWriter Log { get; } = new();
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Api = await FakeArgoCdApi.StartAsync();

    public virtual async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The component with short pauses, so polling tests take milliseconds.</summary>
    private protected ArgoCdSync Argo(string? token = null, TimeSpan? timeout = null, bool watch = true, TimeProvider? time = null, TimeSpan? silence = null)
    {
        var options = new ArgoCdOptions
        {
            Server = Api.Url,
            Token = token ?? Api.Token,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
            Watch = watch,
            PollInterval = TimeSpan.FromMilliseconds(20),
            StreamSilenceLimit = silence ?? TimeSpan.FromSeconds(2),
        };
        return new ArgoCdSync(new ArgoCdClient(new HttpClient(), options.Server, options.Token), options, time ?? TimeProvider.System, Log);
    }

    protected int Posts => Api.Requests.Count(r => r.StartsWith("POST", StringComparison.Ordinal));
}
