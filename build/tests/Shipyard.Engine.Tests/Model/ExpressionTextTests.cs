using System.Linq.Expressions;

namespace Shipyard.Engine.Tests.Model;

public static class ExpressionTextTests
{
    private sealed class Holder
    {
        public bool Ready;
        public string[] Service = [];
        public string? Tag;

        public string Render(Expression<Func<bool>> e) => ExpressionText.Render(e.Body);
    }

    [Fact]
    public static void MembersReadAsTheirNames()
    {
        var h = new Holder();
        h.Render(() => h.Ready).ShouldBe("Ready");
    }

    [Fact]
    public static void OperatorsAndCallsReadAsWritten()
    {
        var h = new Holder();
        h.Render(() => !h.Ready && h.Service.Length > 0).ShouldBe("!Ready && (Service.Length > 0)");
        h.Render(() => h.Tag != null).ShouldBe("Tag != null");
        h.Render(() => h.Service.Contains("todo-api")).ShouldBe("Service.Contains(\"todo-api\")");
        h.Render(() => string.IsNullOrEmpty(h.Tag)).ShouldBe("String.IsNullOrEmpty(Tag)");
    }
}
