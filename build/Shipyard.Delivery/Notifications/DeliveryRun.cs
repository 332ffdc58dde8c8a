namespace Shipyard.Delivery.Notifications;

/// <summary>What every notification of one run shares: where it deploys and which CI run it is.</summary>
/// <param name="Environment">The target environment or profile name (e.g. <c>production</c>, <c>ci</c>, <c>local</c>).</param>
/// <param name="Ci">The CI run and source commit.</param>
public sealed record DeliveryRun(string Environment, CiLinks Ci);
