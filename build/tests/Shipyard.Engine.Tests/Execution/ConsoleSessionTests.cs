namespace Shipyard.Engine.Tests.Execution;

public static class ConsoleSessionTests
{
    [Fact]
    public static void AnInteractiveTerminalGetsColour() =>
        ConsoleSessionFactory.UseColor(outputRedirected: false, new Dictionary<string, string>()).ShouldBeTrue();

    [Fact]
    public static void RedirectedOutputGetsNoColour() =>
        ConsoleSessionFactory.UseColor(outputRedirected: true, new Dictionary<string, string>()).ShouldBeFalse();

    [Fact]
    public static void NoColorTurnsColourOffWhenSetToAnything()
    {
        ConsoleSessionFactory.UseColor(false, new Dictionary<string, string> { ["NO_COLOR"] = "1" }).ShouldBeFalse();
        ConsoleSessionFactory.UseColor(false, new Dictionary<string, string> { ["NO_COLOR"] = "" }).ShouldBeTrue();
    }
}
