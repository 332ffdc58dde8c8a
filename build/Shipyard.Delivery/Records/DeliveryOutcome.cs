namespace Shipyard.Delivery.Records;

/// <summary>Where one service's delivery ended.</summary>
public enum DeliveryOutcome
{
    /// <summary>No stage recorded anything.</summary>
    NotStarted,

    /// <summary>The image was built (nothing was pushed).</summary>
    Built,

    /// <summary>The image is in the registry (no deploy in this run).</summary>
    Pushed,

    /// <summary>The cluster was told (not verified: no cluster configured, or Verify did not run).</summary>
    Deployed,

    /// <summary>The cluster runs the image.</summary>
    Verified,

    /// <summary>A stage failed; nothing was rolled back.</summary>
    Failed,

    /// <summary>The deploy failed and the previous version is back and verified.</summary>
    RolledBack,

    /// <summary>The deploy failed and so did its rollback (or the rollback could not be verified).</summary>
    RollbackFailed,
}
