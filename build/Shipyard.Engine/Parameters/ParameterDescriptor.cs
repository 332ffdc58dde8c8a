namespace Shipyard.Engine;

/// <summary>A parameter of the build: its command-line name, type and accessors (built once by the model builder).</summary>
internal sealed record ParameterDescriptor(
    string MemberName,
    string Name,
    Type Type,
    string Description,
    bool IsSecret,
    Func<object?> GetValue,
    Action<object?> SetValue)
{
    /// <summary>The form matched against the command line, environment and files (case, dashes and underscores ignored).</summary>
    public string Key => NameConvention.Normalize(Name);

    public string Option => "--" + Name;

    /// <summary>Null, empty strings and empty arrays count as "no value" for <c>Requires</c>.</summary>
    public bool HasValue => GetValue() switch
    {
        null => false,
        string s => s.Length > 0,
        Array a => a.Length > 0,
        _ => true,
    };
}
