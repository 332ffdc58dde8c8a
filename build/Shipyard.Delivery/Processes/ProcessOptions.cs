namespace Shipyard.Delivery.Processes;

/// <summary>How <see cref="ProcessRunner"/> runs one command.</summary>
public sealed record ProcessOptions
{
    /// <summary>Working directory; default the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables to set (null value removes one). Secret values here must also be registered for masking.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Echo the command line before running it.</summary>
    public bool Echo { get; init; } = true;

    /// <summary>Copy each output line to the log as it arrives.</summary>
    public bool StreamOutput { get; init; }

    /// <summary>Throw <see cref="ProcessFailedException"/> on a non-zero exit code.</summary>
    public bool Check { get; init; } = true;

    /// <summary>Text written to the process's standard input (e.g. a password for <c>--password-stdin</c>).</summary>
    public string? StandardInput { get; init; }
}
