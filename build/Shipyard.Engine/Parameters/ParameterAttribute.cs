namespace Shipyard.Engine;

/// <summary>
/// Marks a field or property of the build class as a parameter. Its value comes from, highest first:
/// the command line (<c>--image-tag x</c>), the environment (<c>IMAGE_TAG</c> or <c>NUKE_IMAGE_TAG</c>),
/// <c>.nuke/parameters.&lt;profile&gt;.json</c> and <c>.nuke/parameters.json</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description = "") : Attribute
{
    /// <summary>Shown by <c>--help</c> and written into <c>build.schema.json</c>.</summary>
    public string Description { get; } = description;

    /// <summary>Overrides the name derived from the member (e.g. <c>ImageTag</c> → <c>image-tag</c>).</summary>
    public string? Name { get; init; }
}
