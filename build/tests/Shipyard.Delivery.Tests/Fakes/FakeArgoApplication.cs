using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// One application inside <see cref="FakeArgoCdApi"/>, with a scripted controller: it learns the branch head only on a
/// refresh (its 120 s poll never comes within a test), runs sync operations for <see cref="OperationPolls"/> reads,
/// and ends them with <see cref="FinalHealth"/>. Every read advances the script by one step.
/// </summary>
public sealed class FakeArgoApplication(string name, string liveRevision)
{
    private readonly Lock _gate = new();
    private readonly List<string> _served = [];
    private string _comparedRevision = liveRevision;
    private string _liveRevision = liveRevision;
    private string? _operationRevision;
    private bool _operationIsForeign;
    private int _operationPollsLeft;
    private string _lastPhase = "Succeeded";
    private string? _lastOpRevision = liveRevision;
    private string _health = "Healthy";
    private string? _healthMessage;
    private int _historyId = 1;
    private int _refreshCountdown = -1;

    /// <summary>The application name.</summary>
    public string Name { get; } = name;

    /// <summary>spec.syncPolicy.automated present: the controller syncs by itself and manual syncs to a revision are refused.</summary>
    public bool AutoSync { get; init; }

    /// <summary>spec.source.targetRevision.</summary>
    public string TargetRevision { get; init; } = "main";

    /// <summary>The commit at the tip of the tracked branch (the test "pushes" by setting it).</summary>
    public string? HeadRevision { get; set; }

    /// <summary>Reads after a refresh request before the controller has compared against the branch head.</summary>
    public int RefreshLagReads { get; init; } = 1;

    /// <summary>Reads a sync operation stays Running/Progressing.</summary>
    public int OperationPolls { get; set; } = 2;

    /// <summary>Health once a sync finishes: Healthy, Degraded ...</summary>
    public string FinalHealth { get; set; } = "Healthy";

    /// <summary>Health message with <see cref="FinalHealth"/>.</summary>
    public string? FinalHealthMessage { get; set; }

    /// <summary>Phase a sync operation ends with (Succeeded, Failed, Error).</summary>
    public string FinalPhase { get; set; } = "Succeeded";

    /// <summary>How many sync requests were accepted.</summary>
    public int SyncRequests { get; private set; }

    /// <summary>Every state served, as <c>Sync/Health@revision op=Phase</c>, in order.</summary>
    public IReadOnlyList<string> Served { get { lock (_gate) return _served.ToArray(); } }

    /// <summary>Starts somebody else's operation (e.g. a sync clicked in the UI) of <paramref name="revision"/>, running for <paramref name="polls"/> reads.</summary>
    public void StartForeignOperation(string revision, int polls)
    {
        lock (_gate) StartOperation(revision, polls, foreign: true);
    }

    /// <summary>Run a foreign operation of <paramref name="revision"/> when the next sync request arrives, and refuse that request.</summary>
    public string? ForeignOperationOnNextSync { get; set; }

    internal JsonObject Read(bool refresh)
    {
        lock (_gate)
        {
            // A refresh is asynchronous: the controller compares again RefreshLagReads reads later.
            if (refresh && _refreshCountdown < 0) _refreshCountdown = RefreshLagReads;
            if (_refreshCountdown == 0 && HeadRevision is not null) _comparedRevision = HeadRevision;
            if (_refreshCountdown >= 0) _refreshCountdown--;
            if (AutoSync && _operationRevision is null && _comparedRevision != _liveRevision) StartOperation(_comparedRevision, OperationPolls, foreign: false);
            Step();
            var json = FakeArgoJson.Application(this, _comparedRevision, _comparedRevision == _liveRevision ? "Synced" : "OutOfSync",
                _health, _healthMessage, _operationRevision ?? _lastOpRevision, _operationRevision is null ? _lastPhase : "Running",
                _operationRevision is not null, _historyId, _liveRevision);
            _served.Add($"{json["status"]!["sync"]!["status"]}/{_health}@{_comparedRevision} op={(_operationRevision is null ? _lastPhase : "Running")}");
            return json;
        }
    }

    /// <summary>Returns null when the sync is accepted, else the error Argo CD gives.</summary>
    internal string? Sync(string? revision)
    {
        lock (_gate)
        {
            if (AutoSync && !string.IsNullOrEmpty(revision) && revision != TargetRevision)
                return $"Cannot sync to {revision}: auto-sync currently set to {TargetRevision}";
            if (!string.IsNullOrEmpty(revision) && revision != HeadRevision && revision != _liveRevision && revision != TargetRevision)
                return $"rpc error: code = Unknown desc = unable to resolve '{revision}' to a commit SHA";
            if (ForeignOperationOnNextSync is { } foreign)
            {
                ForeignOperationOnNextSync = null;
                StartOperation(foreign, OperationPolls, foreign: true);
            }
            if (_operationRevision is not null) return "another operation is already in progress";
            SyncRequests++;
            StartOperation(string.IsNullOrEmpty(revision) ? HeadRevision ?? _comparedRevision : revision, OperationPolls, foreign: false);
            return null;
        }
    }

    private void StartOperation(string revision, int polls, bool foreign)
    {
        (_operationRevision, _operationPollsLeft, _operationIsForeign) = (revision, polls, foreign);
        _health = "Progressing";
        _healthMessage = null;
    }

    private void Step()
    {
        if (_operationRevision is null) return;
        if (_operationPollsLeft-- > 0) return;
        _lastPhase = _operationIsForeign ? "Succeeded" : FinalPhase;
        _lastOpRevision = _operationRevision;
        if (_lastPhase == "Succeeded")
        {
            _liveRevision = _operationRevision;
            // After an operation the controller compares again, against the tracked branch's head.
            _comparedRevision = HeadRevision ?? _operationRevision;
            _historyId++;
            (_health, _healthMessage) = _operationIsForeign ? ("Healthy", null) : (FinalHealth, FinalHealthMessage);
        }
        else
        {
            _health = "Healthy"; // the old pods keep running
        }
        _operationRevision = null;
    }
}
