namespace Shipyard.Delivery.Workflows;

/// <summary>One generated workflow file.</summary>
/// <param name="FileName">File name under <c>.github/workflows/</c>.</param>
/// <param name="Content">The YAML text.</param>
public sealed record GeneratedWorkflow(string FileName, string Content);
