namespace Shipyard.Delivery.GitOps;

/// <summary>
/// A write waiting for its batch: the change, its caller's cancellation and the caller's result. The outcome is
/// recorded first and published only after the batch's clone is deleted, so a caller never sees work still under way.
/// </summary>
internal sealed class PendingWrite(GitOpsChange change, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<GitOpsWriteResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action? _outcome;

    public GitOpsChange Change => change;

    public CancellationToken CancellationToken => cancellationToken;

    public Task<GitOpsWriteResult> Result => _result.Task;

    public bool Decided => _outcome is not null;

    public void Complete(GitOpsWriteResult result) => _outcome ??= () => _result.TrySetResult(result);

    public void Fail(Exception error) => _outcome ??= () => _result.TrySetException(error);

    public void Cancel() => _outcome ??= () => _result.TrySetCanceled(cancellationToken);

    /// <summary>Hands the recorded outcome to the caller (a failure if none was recorded).</summary>
    public void Publish() => (_outcome ?? (() => _result.TrySetException(new InvalidOperationException("GitOps write ended without an outcome"))))();
}
