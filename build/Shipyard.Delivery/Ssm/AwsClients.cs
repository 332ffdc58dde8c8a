using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;

namespace Shipyard.Delivery.Ssm;

/// <summary>The three AWS clients of the SSM deploy; tests point each at its own endpoint.</summary>
internal sealed record AwsClients(IAmazonEC2 Ec2, IAmazonS3 S3, IAmazonSimpleSystemsManagement Ssm)
{
    /// <summary>Clients for <paramref name="settings"/>: its region, its endpoint override, its credentials or the SDK's chain.</summary>
    public static AwsClients From(SsmSettings settings)
    {
        var ec2 = Configure(new AmazonEC2Config(), settings);
        var s3 = Configure(new AmazonS3Config { ForcePathStyle = settings.EndpointUrl is not null }, settings);
        var ssm = Configure(new AmazonSimpleSystemsManagementConfig(), settings);
        return settings.Credentials is { } credentials
            ? new AwsClients(new AmazonEC2Client(credentials, ec2), new AmazonS3Client(credentials, s3), new AmazonSimpleSystemsManagementClient(credentials, ssm))
            : new AwsClients(new AmazonEC2Client(ec2), new AmazonS3Client(s3), new AmazonSimpleSystemsManagementClient(ssm));
    }

    private static T Configure<T>(T config, SsmSettings settings) where T : ClientConfig
    {
        if (settings.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }
        return config;
    }
}
