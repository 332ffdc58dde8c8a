using Shipyard.Delivery.Workflows;

namespace Shipyard.Delivery.Tests.Workflows;

public sealed class YamlEmitterTests
{
    [Theory]
    [InlineData("ubuntu-latest", "ubuntu-latest")]
    [InlineData("${{ matrix.service }}", "${{ matrix.service }}")]
    [InlineData("needs.detect.outputs.any == 'true'", "needs.detect.outputs.any == 'true'")]
    [InlineData("**/packages.lock.json", "'**/packages.lock.json'")]
    [InlineData("true", "'true'")]
    [InlineData("on", "'on'")]
    [InlineData("0", "'0'")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("it's: here", "\"it's: here\"")]
    [InlineData("", "''")]
    public void ScalarsArePlainOnlyWhenTheyCannotBeMisread(string value, string expected) =>
        YamlEmitter.Scalar(new YamlScalar(value)).ShouldBe(expected);

    [Fact]
    public void NestedMapsSequencesAndScriptsAreWrittenInBlockStyle()
    {
        var root = new YamlMap()
            .Add("steps", new YamlSeq([new YamlMap().Add("name", "one").Add("run", YamlScalar.Script("a", "b")), new YamlScalar("x")]))
            .Add("empty", new YamlMap());

        YamlEmitter.Write(root, ["header"]).ShouldBe("# header\nsteps:\n  - name: one\n    run: |\n      a\n      b\n  - x\nempty: {}\n");
    }
}
