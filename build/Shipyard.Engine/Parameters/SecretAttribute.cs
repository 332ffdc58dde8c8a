namespace Shipyard.Engine;

/// <summary>The parameter's value is a secret: masked in every output and never written to files.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
