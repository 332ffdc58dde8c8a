namespace Shipyard.Delivery.Tests.Reliability;

/// <summary>One case of a reliability corpus (see <see cref="ReliabilityFigures.Case"/>): held once <see cref="Held"/> is called.</summary>
public sealed class ReliabilityCase : IDisposable
{
    private readonly string _name;
    private readonly string? _file;
    private bool _held;
    private bool _recorded;

    internal ReliabilityCase(string name, string? file) => (_name, _file) = (name, file);

    /// <summary>Marks the case held: call it after the test's last assertion.</summary>
    public void Held() => _held = true;

    /// <summary>Records the case: 1 of 1 when held, 0 of 1 otherwise.</summary>
    public void Dispose()
    {
        if (_recorded) return;
        _recorded = true;
        ReliabilityFigures.AppendTo(_file, _name, _held ? 1 : 0, 1);
    }
}
