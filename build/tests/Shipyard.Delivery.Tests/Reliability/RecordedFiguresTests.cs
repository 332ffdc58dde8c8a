using Shipyard.Benchmarks.Reliability;

namespace Shipyard.Delivery.Tests.Reliability;

/// <summary>The figures file: written by the tests' <see cref="ReliabilityFigures"/>, read by the report's <see cref="RecordedFigures"/>.</summary>
public sealed class RecordedFiguresTests : IDisposable
{
    private readonly string _file = Path.Combine(Directory.CreateTempSubdirectory("reliability-figures-").FullName, "figures.tsv");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);

    [Fact]
    public void LinesOfOneNameAreSummedAndOtherNamesKeptApart()
    {
        var figures = RecordedFigures.Parse(["bad-input cases\t1\t1", "bad-input cases\t0\t1", "bad-input cases\t1\t1", "secret occurrences\t0\t7"]);

        figures.Find("bad-input cases").ShouldBe(new RecordedFigure("bad-input cases", 2, 3, 3));
        figures.Find("secret occurrences").ShouldBe(new RecordedFigure("secret occurrences", 0, 7, 1));
        figures.Find("lost updates").ShouldBeNull();
        figures.Unreadable.ShouldBe(0);
    }

    [Fact]
    public void ALineThatIsNotNameValueTotalIsCountedAsUnreadableNotGuessedAt()
    {
        var figures = RecordedFigures.Parse(["lost updates\t0\t200", "lost upd", "lost updates\tzero\t1", "\t1\t1", "a\t1\t2\t3", ""]);

        figures.Find("lost updates").ShouldBe(new RecordedFigure("lost updates", 0, 200, 1));
        figures.Unreadable.ShouldBe(4);
    }

    [Fact]
    public void WhatTheTestsWriteIsWhatTheReportReads()
    {
        ReliabilityFigures.Variable.ShouldBe(RecordedFigures.Variable);

        ReliabilityFigures.AppendTo(_file, "lost updates", 0, 200);
        using (var held = ReliabilityFigures.Case("bad-input cases", _file)) held.Held();
        using (ReliabilityFigures.Case("bad-input cases", _file)) { } // an assertion failed before Held()

        var figures = RecordedFigures.Read(_file);
        figures.Find("lost updates").ShouldBe(new RecordedFigure("lost updates", 0, 200, 1));
        figures.Find("bad-input cases").ShouldBe(new RecordedFigure("bad-input cases", 1, 2, 2));
    }

    [Fact]
    public async Task LinesAppendedFromManyThreadsAtOnceAreAllReadable()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 250; i++) ReliabilityFigures.AppendTo(_file, $"figure {t % 2}", 1, 1);
        })));

        var figures = RecordedFigures.Read(_file);
        figures.Unreadable.ShouldBe(0);
        figures.Find("figure 0")!.Lines.ShouldBe(1000);
        figures.Find("figure 1")!.Value.ShouldBe(1000);
    }

    [Fact]
    public void WithoutAFileNothingIsWrittenAndAMissingFileReadsAsNoFigures()
    {
        ReliabilityFigures.AppendTo(null, "lost updates", 1, 1);
        ReliabilityFigures.AppendTo("", "lost updates", 1, 1);

        RecordedFigures.Read(_file).Find("lost updates").ShouldBeNull();
        Should.Throw<ArgumentException>(() => ReliabilityFigures.AppendTo(_file, "two\tcolumns", 1, 1));
    }
}
