namespace Shipyard.Engine;

/// <summary>Durations as the summary shows them: <c>m:ss</c>, like NUKE.</summary>
internal static class Durations
{
    public static string Format(TimeSpan duration) =>
        $"{(int)duration.TotalMinutes}:{duration.Seconds:00}";
}
