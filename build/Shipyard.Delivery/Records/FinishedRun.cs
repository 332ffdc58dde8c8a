using Shipyard.Delivery.Versioning;

namespace Shipyard.Delivery.Records;

/// <summary>What a finished run hands its notifiers.</summary>
/// <param name="Services">Each service's delivery record.</param>
/// <param name="ExitCode">The build's exit code (0 ok, 1 failed, 2 usage, 130 cancelled).</param>
/// <param name="Cancelled">True when the run was interrupted.</param>
/// <param name="Duration">Wall time of the run.</param>
/// <param name="Version">The source build (commit, branch, release version).</param>
/// <param name="Ci">The CI run, or null locally.</param>
/// <param name="Environment">The profile(s) the run used (the deploy environment), e.g. <c>ci</c>; <c>local</c> without one.</param>
public sealed record FinishedRun(
    IReadOnlyList<DeliveryRecord> Services, int ExitCode, bool Cancelled, TimeSpan Duration, BuildVersion? Version, CiRun? Ci, string Environment);
