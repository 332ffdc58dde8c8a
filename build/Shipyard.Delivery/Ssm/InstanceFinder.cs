using Amazon.EC2;
using Amazon.EC2.Model;
using Shipyard.Engine;

namespace Shipyard.Delivery.Ssm;

/// <summary>Finds the running instance by tag filter, deterministically when several match.</summary>
internal sealed class InstanceFinder(IAmazonEC2 ec2, SsmSettings settings, TextWriter log)
{
    public async Task<SsmTarget> FindAsync(CancellationToken ct)
    {
        var request = new DescribeInstancesRequest
        {
            Filters =
            [
                new Filter($"tag:{settings.InstanceTagKey}", [settings.InstanceTagValue]),
                new Filter("instance-state-name", ["running"]),
            ],
        };
        var instances = new List<Instance>();
        do
        {
            var page = await ec2.DescribeInstancesAsync(request, ct);
            instances.AddRange((page.Reservations ?? []).SelectMany(r => r.Instances ?? []));
            request.NextToken = page.NextToken;
        }
        while (!string.IsNullOrEmpty(request.NextToken));

        if (instances.Count == 0)
            throw new BuildFailedException(
                $"SSM deploy: no running EC2 instance in {settings.Region} matches tag {settings.InstanceFilter}. Start the K3s host, or fix the instance filter.");
        // Oldest first, then by id: the same host every run, whatever order EC2 lists them in.
        var ordered = instances.OrderBy(i => i.LaunchTime ?? DateTime.MaxValue).ThenBy(i => i.InstanceId, StringComparer.Ordinal).ToList();
        var chosen = ordered[0];
        var ids = string.Join(", ", ordered.Select(i => i.InstanceId));
        if (instances.Count > 1 && settings.RequireExactlyOneInstance)
            throw new BuildFailedException(
                $"SSM deploy: {instances.Count} running instances match tag {settings.InstanceFilter} ({ids}) and exactly one is required. Narrow the instance filter.");
        var name = chosen.Tags?.FirstOrDefault(t => t.Key == "Name")?.Value;
        var target = new SsmTarget(chosen.InstanceId, name, chosen.LaunchTime is { } launched ? new DateTimeOffset(DateTime.SpecifyKind(launched, DateTimeKind.Utc)) : null, settings.Region, instances.Count);
        await log.WriteLineAsync(instances.Count == 1
            ? $"ssm: instance {target.InstanceId}{(name is null ? "" : $" ({name})")} matches {settings.InstanceFilter}"
            : $"ssm: {instances.Count} running instances match {settings.InstanceFilter} ({ids}); using the oldest, {target.InstanceId}");
        return target;
    }
}
