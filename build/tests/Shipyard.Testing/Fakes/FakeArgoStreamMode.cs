namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>How the fake's watch stream behaves.</summary>
public enum FakeArgoStreamMode
{
    /// <summary>Like Argo CD: the application at once, then every change, each flushed.</summary>
    Live,

    /// <summary>Like a buffering proxy: headers, then nothing until the connection closes.</summary>
    Buffered,

    /// <summary>Like a proxy that does not route the stream: 404 with a plain-text body.</summary>
    Unavailable,
}
