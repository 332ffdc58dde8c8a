using Shipyard.Engine;

namespace Shipyard.Delivery.Notifications;

/// <summary>One stage of a service's delivery (Build, Push, Deploy, Verify, Rollback…) as the thread reply and summary show it.</summary>
/// <param name="Name">The stage (target) name, e.g. <c>Verify</c>.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Duration">How long it ran.</param>
/// <param name="Note">One line about it (skip reason, pushed digest, …), or null.</param>
public sealed record StageView(string Name, TargetStatus Status, TimeSpan Duration, string? Note = null);
