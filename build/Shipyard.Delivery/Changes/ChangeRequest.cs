namespace Shipyard.Delivery.Changes;

/// <summary>The inputs of change detection, as the pipeline passes them from its parameters and the CI event.</summary>
public sealed record ChangeRequest
{
    /// <summary>The revision to build (<c>--head</c>).</summary>
    public string Head { get; init; } = "HEAD";

    /// <summary>An explicit base (<c>--base</c>); overrides <see cref="BaseFrom"/> and the event.</summary>
    public string? Base { get; init; }

    /// <summary>Where the base comes from when <see cref="Base"/> is not given (<c>--base-from</c>).</summary>
    public BaseSource BaseFrom { get; init; } = BaseSource.Auto;

    /// <summary>What triggered the run.</summary>
    public ChangeEvent Event { get; init; } = ChangeEvent.Local;
}
