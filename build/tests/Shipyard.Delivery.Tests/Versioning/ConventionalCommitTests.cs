using Shipyard.Delivery.Versioning;

namespace Shipyard.Delivery.Tests.Versioning;

public sealed class ConventionalCommitTests
{
    [Theory]
    [InlineData("feat: add due dates", BumpKind.Minor)]
    [InlineData("feat(api): add due dates", BumpKind.Minor)]
    [InlineData("fix: null title", BumpKind.Patch)]
    [InlineData("perf(db): index", BumpKind.Patch)]
    [InlineData("feat!: drop v1 routes", BumpKind.Major)]
    [InlineData("refactor(api)!: rename", BumpKind.Major)]
    [InlineData("fix: x\n\nBREAKING CHANGE: the id is a string now", BumpKind.Major)]
    [InlineData("fix: x\n\nBREAKING-CHANGE: ids", BumpKind.Major)]
    [InlineData("chore: bump deps", BumpKind.None)]
    [InlineData("docs: readme", BumpKind.None)]
    [InlineData("Update README.md", BumpKind.None)]
    [InlineData("feat:missing space", BumpKind.None)]
    [InlineData("chore: x\n\nmentions BREAKING CHANGE: in the body", BumpKind.None)]
    public void CommitMessagesMapToTheirBump(string message, BumpKind expected) =>
        ConventionalCommit.Classify(message).ShouldBe(expected);
}
