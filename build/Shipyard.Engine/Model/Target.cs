namespace Shipyard.Engine;

/// <summary>
/// A target, declared NUKE-style as a property: <c>Target Deploy =&gt; _ =&gt; _.DependsOn(Push).Executes(...)</c>.
/// The delegate receives a definition builder and returns it configured.
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);
