using System.Text.Json;
using System.Text.Encodings.Web;
using Shipyard.Delivery.Notifications;

namespace Shipyard.Delivery.Tests.Notifications;

/// <summary>The exact Block Kit JSON, step-summary markdown, annotations and job outputs of a two-service run (fixed clock).</summary>
public sealed class NotificationSnapshotTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void TheParentOfARolledBackDeployIsThisBlockKitMessage()
    {
        var json = SlackMessages.Parent(Deliveries.Run, Deliveries.RolledBack(), TestClock.Noon).ToJsonString(Indented);

        json.ShouldBe(Expected.RolledBackParent, StringCompareShould.IgnoreLineEndings);
    }

    [Fact]
    public void TheThreadRepliesOfARolledBackDeployAreTheseBlockKitMessages()
    {
        var view = Deliveries.RolledBack();

        SlackMessages.Stages(view).ToJsonString(Indented).ShouldBe(Expected.RolledBackStages, StringCompareShould.IgnoreLineEndings);
        SlackMessages.Details(view)!.ToJsonString(Indented).ShouldBe(Expected.RolledBackDetails, StringCompareShould.IgnoreLineEndings);
    }

    [Fact]
    public void TheStepSummaryIsThisDeployTable()
    {
        var report = Deliveries.Report(Deliveries.Succeeded("todo-api"), Deliveries.RolledBack("todo-worker") with { Strategy = "ssm" });

        DeployTableMarkdown.Render(report).ShouldBe(Expected.Table, StringCompareShould.IgnoreLineEndings);
    }

    [Fact]
    public void AnnotationsNameTheFailingServiceAndStageAndEscapeWhatGitHubWouldMisread()
    {
        var report = Deliveries.Report(
            Deliveries.Succeeded("todo-api"),
            Deliveries.RolledBack("todo-worker") with { Error = "probe failed: 100% of 3 pods,\nsee events" });

        DeployAnnotations.Lines(report).ShouldBe([
            "::error title=Deploy failed%3A todo-worker (Verify)::todo-worker 1.4.2 failed at Verify, rolled back to 1.4.1: probe failed: 100%25 of 3 pods,%0Asee events",
        ]);
    }

    [Fact]
    public void JobOutputsCarryDigestVersionDeployedCommitAndRollbackTargetForEveryService()
    {
        var report = Deliveries.Report(Deliveries.Succeeded("todo-api"), Deliveries.RolledBack("todo-worker"));

        DeployOutputs.Of(report).ShouldBe(new Dictionary<string, string>
        {
            ["todo-api-image-digest"] = Deliveries.Digest,
            ["todo-api-version"] = "1.4.2",
            ["todo-api-deployed-commit"] = "9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e",
            ["todo-api-rolled-back-to"] = "",
            ["todo-worker-image-digest"] = Deliveries.Digest,
            ["todo-worker-version"] = "1.4.2",
            ["todo-worker-deployed-commit"] = "9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e",
            ["todo-worker-rolled-back-to"] = "1.4.1",
        });
        DeployOutputs.Of(Deliveries.Report(Deliveries.Succeeded()))["version"].ShouldBe("1.4.2", "a one-service run also gets unprefixed keys");
    }

    private static class Expected
    {
        public const string RolledBackParent = """
            {
              "text": ":leftwards_arrow_with_hook: todo-api 1.4.2 failed at Verify, rolled back to 1.4.1",
              "blocks": [
                {
                  "type": "header",
                  "text": {
                    "type": "plain_text",
                    "text": ":leftwards_arrow_with_hook: todo-api 1.4.2 failed at Verify, rolled back to 1.4.1",
                    "emoji": true
                  }
                },
                {
                  "type": "section",
                  "fields": [
                    {
                      "type": "mrkdwn",
                      "text": "*Service*\ntodo-api"
                    },
                    {
                      "type": "mrkdwn",
                      "text": "*Version*\n`1.4.2` · `abcdef123456`"
                    },
                    {
                      "type": "mrkdwn",
                      "text": "*Strategy*\ngitops"
                    },
                    {
                      "type": "mrkdwn",
                      "text": "*Environment*\nproduction"
                    },
                    {
                      "type": "mrkdwn",
                      "text": "*Duration*\n2:11"
                    },
                    {
                      "type": "mrkdwn",
                      "text": "*Status*\nRolled back"
                    }
                  ]
                },
                {
                  "type": "section",
                  "text": {
                    "type": "mrkdwn",
                    "text": "*Failed at Verify*\n```pod todo-api-7c9f-x2x is in CrashLoopBackOff (back-off 40s restarting failed container)```"
                  }
                },
                {
                  "type": "context",
                  "elements": [
                    {
                      "type": "mrkdwn",
                      "text": "<https://github.com/acme/todo-platform/actions/runs/987654|Run 987654> · <https://github.com/acme/todo-platform/commit/1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d|Commit 1a2b3c4> · by octocat · finished <!date^1741955400^{date_short_pretty} {time}|2025-03-14 12:30 UTC>"
                    }
                  ]
                }
              ]
            }
            """;

        public const string RolledBackStages = """
            {
              "text": "Stages of todo-api",
              "blocks": [
                {
                  "type": "section",
                  "text": {
                    "type": "mrkdwn",
                    "text": "*Stages of todo-api*\n:white_check_mark: *Build* Succeeded in 0:42\n:white_check_mark: *Deploy* Succeeded in 0:12\n:x: *Verify* Failed in 0:41 · CrashLoopBackOff\n:white_check_mark: *Rollback* Succeeded in 0:36 · reverted to 1.4.1"
                  }
                }
              ]
            }
            """;

        public const string RolledBackDetails = """
            {
              "text": "Details of todo-api",
              "blocks": [
                {
                  "type": "section",
                  "text": {
                    "type": "mrkdwn",
                    "text": "*Failed at Verify*\n```pod todo-api-7c9f-x2x is in CrashLoopBackOff (back-off 40s restarting failed container)```"
                  }
                },
                {
                  "type": "section",
                  "text": {
                    "type": "mrkdwn",
                    "text": "*Rolled back to* `1.4.1`"
                  }
                },
                {
                  "type": "section",
                  "fields": [
                    {
                      "type": "mrkdwn",
                      "text": "*Argo CD revision*\n`9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e`"
                    },
                    {
                      "type": "mrkdwn",
                      "text": "*GitOps commit*\n`9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e`"
                    },
                    {
                      "type": "mrkdwn",
                      "text": "*Digest*\n`sha256:abcdef1234567890abcdef1234567890abcdef1234567890abcdef1234567890`"
                    }
                  ]
                }
              ]
            }
            """;

        public const string Table = """
            ### Deploy to production: ❌ Failed in 2:20

            | service | version | strategy | result | duration | links |
            |---|---|---|---|---|---|
            | todo-api | `1.4.2` (`abcdef123456`) | gitops | ✅ Succeeded | 1:23 | [run](https://github.com/acme/todo-platform/actions/runs/987654) · [commit](https://github.com/acme/todo-platform/commit/1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d) · [environment](https://todo.example.com/) |
            | todo-worker | `1.4.2` (`abcdef123456`) | ssm | ↩️ Rolled back to `1.4.1` | 2:11 | [run](https://github.com/acme/todo-platform/actions/runs/987654) · [commit](https://github.com/acme/todo-platform/commit/1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d) |

            - **todo-worker** failed at **Verify**: `pod todo-api-7c9f-x2x is in CrashLoopBackOff (back-off 40s restarting failed container)`
            """ + "\n";
    }
}
