namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>The rollouts <see cref="RolloutScenario"/> can play.</summary>
public enum RolloutScript
{
    /// <summary>Deployment: new ReplicaSet scales up, old one down, all ready.</summary>
    Success,

    /// <summary>As <see cref="Success"/>, three times slower per step.</summary>
    Slow,

    /// <summary>Deployment: stuck, then the controller sets Progressing=False reason ProgressDeadlineExceeded.</summary>
    ProgressDeadlineExceeded,

    /// <summary>Deployment: the new pod crash-loops (CrashLoopBackOff after Error exits); nothing else changes.</summary>
    CrashLoop,

    /// <summary>Deployment: the new pod cannot pull its image (ImagePullBackOff).</summary>
    ImagePullBackOff,

    /// <summary>Deployment: deleted after the rollout started.</summary>
    DeletedMidWatch,

    /// <summary>Deployment: paused with the new template, so nothing rolls.</summary>
    Paused,

    /// <summary>As <see cref="Success"/>, with every watch connection cut mid-rollout.</summary>
    WatchDropped,

    /// <summary>As <see cref="Success"/>, with the API server answering 503 for a few steps mid-rollout.</summary>
    ApiDownThenBack,

    /// <summary>StatefulSet: pods replaced from the highest ordinal down, then currentRevision = updateRevision.</summary>
    StatefulSetSuccess,

    /// <summary>StatefulSet: the first updated pod crash-loops.</summary>
    StatefulSetCrashLoop,

    /// <summary>DaemonSet: pods replaced node by node.</summary>
    DaemonSetSuccess,

    /// <summary>DaemonSet with the OnDelete strategy: no rollout status at all (kubectl errors).</summary>
    DaemonSetOnDelete,
}
