using System.Collections.Concurrent;

namespace Shipyard.Engine.Tests.Support;

/// <summary>Records which targets ran, in order, across threads.</summary>
public sealed class Recorder
{
    private readonly ConcurrentQueue<string> _ran = new();

    public IReadOnlyList<string> Ran => [.. _ran];

    public void Add(string name) => _ran.Enqueue(name);
}
