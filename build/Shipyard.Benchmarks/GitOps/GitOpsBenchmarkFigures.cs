namespace Shipyard.Benchmarks.GitOps;

/// <summary>Figures of one <see cref="GitOpsBenchmark"/> run.</summary>
/// <param name="Writers">Concurrent deploys (one service and manifest each).</param>
/// <param name="Separate">True when each deploy had its own repository object (separate jobs racing), false when shared (one pipeline).</param>
/// <param name="SingleWrite">Median git step of one deploy alone (clone, edit, commit, push), the baseline.</param>
/// <param name="ConcurrentWall">Wall time of all concurrent deploys together.</param>
/// <param name="Landed">Deploy commits found on the branch afterwards.</param>
/// <param name="Linear">True when the branch history has no merge commits.</param>
/// <param name="TotalAttempts">Push attempts summed over all deploys (Writers when nobody raced).</param>
/// <param name="MostAttempts">Push attempts of the unluckiest deploy.</param>
/// <param name="Setup">How the writers ran, when it is not the default (e.g. <c>separate processes, hand-off</c>).</param>
public sealed record GitOpsBenchmarkFigures(
    int Writers, bool Separate, TimeSpan SingleWrite, TimeSpan ConcurrentWall, int Landed, bool Linear, int TotalAttempts, int MostAttempts,
    string? Setup = null)
{
    /// <summary>Push attempts per deploy on average (1 when nobody raced; N serialized pushes is the floor).</summary>
    public double AttemptsPerWriter => Writers == 0 ? 0 : (double)TotalAttempts / Writers;

    /// <summary>Concurrent wall time over one deploy's git step (goal: at most 3).</summary>
    public double Ratio => ConcurrentWall / SingleWrite;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Writers} concurrent deploys ({Setup ?? (Separate ? "separate writers" : "one pipeline")}): {ConcurrentWall.TotalMilliseconds:0} ms wall vs {SingleWrite.TotalMilliseconds:0} ms for one ({Ratio:0.0}x); " +
        $"{Landed}/{Writers} landed, history {(Linear ? "linear" : "NOT linear")}, {TotalAttempts} push attempts ({AttemptsPerWriter:0.0} per deploy, worst {MostAttempts})";
}
