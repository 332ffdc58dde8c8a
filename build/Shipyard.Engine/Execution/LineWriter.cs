using System.Text;

namespace Shipyard.Engine;

/// <summary>
/// A writer that hands on whole lines only, so secrets split over several writes are still masked and parallel
/// fan-out items never interleave within a line.
/// </summary>
internal sealed class LineWriter(Action<string> onLine) : TextWriter
{
    private readonly StringBuilder _buffer = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n') EmitLine();
            else if (value != '\r') _buffer.Append(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        lock (_gate)
        {
            foreach (var c in value)
            {
                if (c == '\n') EmitLine();
                else if (c != '\r') _buffer.Append(c);
            }
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush()
    {
        lock (_gate)
        {
            if (_buffer.Length > 0) EmitLine();
        }
    }

    private void EmitLine()
    {
        var line = _buffer.ToString();
        _buffer.Clear();
        onLine(line);
    }

    /// <summary>The run's output: every line masked, then written whole to the session's writer.</summary>
    public static LineWriter Masking(TextWriter sink, SecretSet secrets) => new(line =>
    {
        lock (sink)
        {
            sink.Write(secrets.Mask(line) + "\n");
            sink.Flush();
        }
    });
}
