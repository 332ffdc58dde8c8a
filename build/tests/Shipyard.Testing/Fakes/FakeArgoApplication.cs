using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// One application inside <see cref="FakeArgoCdApi"/>, with a scripted controller that moves on its own clock (the
/// server's ticks), not on the client's reads: it learns the branch head only on a refresh (its 120 s poll never comes
/// within a test, unless <see cref="PollTicks"/> shortens it), runs sync operations for <see cref="OperationTicks"/>
/// ticks, and ends them with the final state: scripted, or with a <see cref="Source"/> the real one — the commit
/// rendered and applied to the fake cluster, the health read back from it.
/// </summary>
public sealed class FakeArgoApplication(string name, string liveRevision)
{
    private readonly Lock _gate = new();
    private readonly List<string> _served = [];
    private readonly Dictionary<string, long> _liveAt = [];
    private string _comparedRevision = liveRevision;
    private string _liveRevision = liveRevision;
    private string? _operationRevision;
    private bool _operationIsForeign;
    private int _operationTicksLeft;
    private string _lastPhase = "Succeeded";
    private string _lastOpRevision = liveRevision;
    private string? _autoSyncFailed;
    private string _health = "Healthy";
    private int _healthTicksLeft;
    private IReadOnlyList<FakeArgoResource> _resources = [];
    private IReadOnlyList<FakeArgoSyncResult> _syncResults = [];
    private DateTimeOffset _startedAt = DateTimeOffset.UtcNow, _finishedAt = DateTimeOffset.UtcNow;
    private int _historyId = 1;
    private int _refreshCountdown = -1;
    private int _sincePoll;
    private Task<string?>? _applying;

    /// <summary>The application name.</summary>
    public string Name { get; } = name;

    /// <summary>spec.syncPolicy.automated present: the controller syncs by itself and manual syncs to a revision are refused.</summary>
    public bool AutoSync { get; set; }

    /// <summary>
    /// While true the controller is busy elsewhere: it neither compares against the branch nor starts, runs or finishes
    /// operations (refresh requests wait for it); the API still answers with the state as it was.
    /// </summary>
    public bool Paused { get; set; }

    /// <summary>spec.source.targetRevision.</summary>
    public string TargetRevision { get; init; } = "main";

    /// <summary>The commit at the tip of the tracked branch (the test "pushes" by setting it).</summary>
    public string? HeadRevision
    {
        get => Source?.Head() ?? ReadHead?.Invoke() ?? _headRevision;
        set => _headRevision = value;
    }

    private string? _headRevision;

    /// <summary>Reads the branch head from a real GitOps repository on every use, as Argo CD's repo server does.</summary>
    public Func<string?>? ReadHead { get; init; }

    /// <summary>
    /// The GitOps repository the application renders: operations apply the commit to the fake cluster and end when it is
    /// applied (Failed when it does not render), and health comes from the cluster. The scripted final state
    /// (<see cref="FinalHealth"/>, <see cref="FinalPhase"/> ...) is not used then.
    /// </summary>
    public FakeArgoRepositorySource? Source { get; init; }

    /// <summary>Ticks between the controller's own looks at the branch (Argo CD's 120 s poll); null: never within a test.</summary>
    public int? PollTicks { get; init; }

    /// <summary>The phase an operation on a revision ends in, when it depends on the revision (else <see cref="FinalPhase"/>).</summary>
    public Func<string, string>? PhaseOf { get; init; }

    /// <summary>Ticks after a refresh request before the controller has compared against the branch head.</summary>
    public int RefreshLagTicks { get; init; } = 1;

    /// <summary>Ticks a sync operation stays Running.</summary>
    public int OperationTicks { get; set; } = 3;

    /// <summary>Ticks the application stays Progressing after a successful sync before <see cref="FinalHealth"/>.</summary>
    public int HealthTicks { get; set; }

    /// <summary>Health once a sync finishes: Healthy, Degraded ...</summary>
    public string FinalHealth { get; set; } = "Healthy";

    /// <summary>Message of the Deployment when <see cref="FinalResources"/> is not set.</summary>
    public string? FinalHealthMessage { get; set; }

    /// <summary>The live objects after a sync (default: a Deployment, a Service and a Pod with <see cref="FinalHealth"/>).</summary>
    public IReadOnlyList<FakeArgoResource>? FinalResources { get; set; }

    /// <summary>Phase a sync operation ends with (Succeeded, Failed, Error).</summary>
    public string FinalPhase { get; set; } = "Succeeded";

    /// <summary>syncResult.resources of a failed sync (default: the Deployment failed to apply).</summary>
    public IReadOnlyList<FakeArgoSyncResult>? FinalSyncResults { get; set; }

    /// <summary>Argo CD 3 style: health only in the resource tree (<c>status.resourceHealthSource: appTree</c>).</summary>
    public bool HealthInTree { get; init; }

    /// <summary>False: the resource tree endpoint answers 403 (reasons must come from the application itself).</summary>
    public bool ResourceTreeAvailable { get; init; } = true;

    /// <summary>Run a foreign operation of this revision when the next sync request arrives, and refuse that request: the race between a read and a POST.</summary>
    public string? ForeignOperationOnNextSync { get; set; }

    /// <summary>How many sync requests were accepted.</summary>
    public int SyncRequests { get; private set; }

    /// <summary>How many sync requests were refused with "another operation is already in progress", per operation (key: its revision and start).</summary>
    public IReadOnlyDictionary<string, int> RefusedPerOperation { get { lock (_gate) return new Dictionary<string, int>(_refused); } }

    private readonly Dictionary<string, int> _refused = [];

    /// <summary>Every state served (reads and stream events), as <c>Sync/Health@revision op=Phase</c>, in order.</summary>
    public IReadOnlyList<string> Served { get { lock (_gate) return _served.ToArray(); } }

    internal Action? Changed { get; set; }

    /// <summary>When (Stopwatch timestamp) the controller first showed <paramref name="revision"/> Synced and Healthy by a Succeeded operation.</summary>
    public long? SyncedAndHealthyAt(string revision)
    {
        lock (_gate) return _liveAt.TryGetValue(revision, out var at) ? at : null;
    }

    /// <summary>Starts somebody else's operation (e.g. a sync clicked in the UI) of <paramref name="revision"/>, running for <paramref name="ticks"/> ticks.</summary>
    public void StartForeignOperation(string revision, int ticks)
    {
        lock (_gate) StartOperation(revision, ticks, foreign: true);
        Changed?.Invoke();
    }

    /// <summary>Lets the running operation end at the next tick.</summary>
    public void FinishOperationNow()
    {
        lock (_gate) _operationTicksLeft = 0;
    }

    internal JsonObject Read(bool refresh)
    {
        lock (_gate)
        {
            // A refresh is asynchronous: the controller compares again RefreshLagTicks ticks later.
            if (refresh && _refreshCountdown < 0) _refreshCountdown = RefreshLagTicks;
            return Serve();
        }
    }

    internal JsonObject? Tree()
    {
        lock (_gate) return ResourceTreeAvailable ? FakeArgoJson.Tree(Resources()) : null;
    }

    /// <summary>Returns null when the sync is accepted, else the error Argo CD gives.</summary>
    internal string? Sync(string? revision)
    {
        try
        {
            lock (_gate)
            {
                if (AutoSync && !string.IsNullOrEmpty(revision) && revision != TargetRevision)
                    return $"Cannot sync to {revision}: auto-sync currently set to {TargetRevision}";
                var resolved = string.IsNullOrEmpty(revision) || Source is null ? revision : Source.Resolve(revision);
                if (!string.IsNullOrEmpty(revision) && (Source is null ? revision != HeadRevision && revision != _liveRevision && revision != TargetRevision : resolved is null))
                    return $"rpc error: code = Unknown desc = unable to resolve '{revision}' to a commit SHA";
                if (ForeignOperationOnNextSync is { } foreign)
                {
                    ForeignOperationOnNextSync = null;
                    StartOperation(foreign, OperationTicks, foreign: true);
                }
                if (_operationRevision is not null)
                {
                    var key = $"{_operationRevision}@{_startedAt:O}";
                    _refused[key] = _refused.GetValueOrDefault(key) + 1;
                    return "another operation is already in progress";
                }
                SyncRequests++;
                StartOperation(string.IsNullOrEmpty(resolved) ? HeadRevision ?? _comparedRevision : resolved, OperationTicks, foreign: false);
                return null;
            }
        }
        finally
        {
            Changed?.Invoke();
        }
    }

    /// <summary>One step of the controller; true when anything a client can see changed.</summary>
    internal bool Tick()
    {
        lock (_gate)
        {
            if (Paused) return false;
            var changed = false;
            if (PollTicks is { } poll && ++_sincePoll >= poll && _refreshCountdown < 0)
                (_sincePoll, _refreshCountdown) = (0, 0);
            if (_refreshCountdown >= 0 && _refreshCountdown-- == 0 && HeadRevision is { } head && head != _comparedRevision)
            {
                _comparedRevision = head;
                changed = true;
            }
            if (AutoSync && _operationRevision is null && _comparedRevision != _liveRevision && _comparedRevision != _autoSyncFailed)
            {
                StartOperation(_comparedRevision, OperationTicks, foreign: false);
                changed = true;
            }
            if (_operationRevision is not null && _operationTicksLeft-- <= 0 && _applying?.IsCompleted != false)
            {
                FinishOperation();
                changed = true;
            }
            else if (_operationRevision is null && _healthTicksLeft > 0 && --_healthTicksLeft == 0)
            {
                (_health, _resources) = (FinalHealth, FinalState());
                changed = true;
            }
            if (Source is not null) changed |= ReadHealth();
            if (_operationRevision is null && _health == "Healthy" && _lastPhase == "Succeeded" && _comparedRevision == _liveRevision)
                _liveAt.TryAdd(_liveRevision, Stopwatch.GetTimestamp());
            return changed;
        }
    }

    internal JsonObject Snapshot()
    {
        lock (_gate) return Serve();
    }

    private JsonObject Serve()
    {
        var running = _operationRevision is not null;
        var state = new FakeArgoState(_comparedRevision, _comparedRevision == _liveRevision ? "Synced" : "OutOfSync", _health,
            running ? _operationRevision! : _lastOpRevision, running ? "Running" : _lastPhase, running, _startedAt, _finishedAt,
            _historyId, _liveRevision, Resources(), running ? [] : _syncResults);
        _served.Add($"{state.SyncStatus}/{_health}@{_comparedRevision} op={state.Phase}");
        return FakeArgoJson.Application(this, state);
    }

    private IReadOnlyList<FakeArgoResource> Resources() => _resources.Count > 0 ? _resources : Defaults("Healthy", null);

    private IReadOnlyList<FakeArgoResource> Defaults(string health, string? message) =>
    [
        new("Deployment", Name, health, message),
        new("Service", Name, "Healthy"),
        new("Pod", $"{Name}-5d8f7c9b4-x2x7q", health, health == "Healthy" ? null : message, TreeOnly: true),
    ];

    private IReadOnlyList<FakeArgoResource> FinalState() => FinalResources ?? Defaults(FinalHealth, FinalHealthMessage);

    private void StartOperation(string revision, int ticks, bool foreign)
    {
        (_operationRevision, _operationTicksLeft, _operationIsForeign) = (revision, ticks, foreign);
        _startedAt = DateTimeOffset.UtcNow;
        if (Source is not null)
        {
            _applying = Task.Run(() => Source.SyncAsync(revision, CancellationToken.None));
            return;
        }
        _health = "Progressing";
        _resources = Defaults("Progressing", "Waiting for rollout to finish: 1 old replicas are pending termination...");
    }

    // The live objects' health, as the controller sees it now; true when it changed.
    private bool ReadHealth()
    {
        var (health, resources) = Source!.Health();
        if (health == _health && resources.SequenceEqual(_resources)) return false;
        (_health, _resources) = (health, resources);
        return true;
    }

    private void FinishOperation()
    {
        var applyError = _applying is null ? null : _applying.IsCompletedSuccessfully ? _applying.Result : _applying.Exception?.GetBaseException().Message ?? "cancelled";
        _applying = null;
        _lastPhase = Source is not null ? applyError is null ? "Succeeded" : "Failed"
            : _operationIsForeign ? "Succeeded" : PhaseOf?.Invoke(_operationRevision!) ?? FinalPhase;
        _lastOpRevision = _operationRevision!;
        _finishedAt = DateTimeOffset.UtcNow;
        if (_lastPhase == "Succeeded")
        {
            _liveRevision = _operationRevision!;
            // After an operation the controller compares again, against the tracked branch's head.
            _comparedRevision = HeadRevision ?? _operationRevision!;
            _historyId++;
            _syncResults = [];
            var settle = !_operationIsForeign && HealthTicks > 0 && Source is null;
            _healthTicksLeft = settle ? HealthTicks : 0;
            if (Source is not null) ReadHealth();
            else
                (_health, _resources) = _operationIsForeign ? ("Healthy", Defaults("Healthy", null))
                    : settle ? ("Progressing", _resources) : (FinalHealth, FinalState());
        }
        else
        {
            if (AutoSync) _autoSyncFailed = _operationRevision;
            _syncResults = applyError is not null ? [new("Application", Name, "SyncFailed", applyError)]
                : FinalSyncResults ?? [new("Deployment", Name, "SyncFailed", $"Deployment.apps \"{Name}\" is invalid: spec.template.spec.containers[0].image: Required value")];
            if (Source is not null) ReadHealth();
            else (_health, _resources) = ("Healthy", Defaults("Healthy", null)); // the old pods keep running
        }
        _operationRevision = null;
    }
}
