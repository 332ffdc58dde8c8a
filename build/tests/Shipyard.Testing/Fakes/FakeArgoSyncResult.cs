namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>One entry of <c>operationState.syncResult.resources</c>: status Synced/SyncFailed; hooks carry a hook phase.</summary>
public sealed record FakeArgoSyncResult(string Kind, string Name, string Status, string? Message, string? HookPhase = null);
