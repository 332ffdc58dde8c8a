using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Tests.GitOps;

/// <summary>kubectl's built-in kustomize is the second opinion: the edited file must render the new image.</summary>
public sealed class KustomizeRenderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kustomize-render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(null, "image: 127.0.0.1:5000/todo-api:abc1234\n")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000001", "image: 127.0.0.1:5000/todo-api:abc1234@sha256:0000000000000000000000000000000000000000000000000000000000000001\n")]
    public async Task KubectlKustomizeRendersTheEditedImage(string? digest, string expected)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "deployment.yaml"), """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: todo-api}
            spec:
              selector: {matchLabels: {app: todo-api}}
              template:
                metadata: {labels: {app: todo-api}}
                spec:
                  containers:
                  - name: api
                    image: todo-api
            """, TestContext.Current.CancellationToken);
        const string kustomization = "resources:\n- deployment.yaml  # the app\nimages:\n- name: todo-api # set by CI\n  newTag: \"0000000\"\n";
        var manifest = new GitOpsManifest { Path = "kustomization.yaml", ImageName = "todo-api", Application = "todo-api" };
        var edited = ManifestEditors.For(ManifestKind.Kustomize)
            .Edit(kustomization, "kustomization.yaml", manifest, new ImageReference("127.0.0.1:5000", "todo-api", "abc1234", digest));
        await File.WriteAllTextAsync(Path.Combine(_dir, "kustomization.yaml"), edited.Text, TestContext.Current.CancellationToken);

        var rendered = await new ProcessRunner(TextWriter.Null, s => s)
            .RunAsync("kubectl", ["kustomize", _dir], cancellationToken: TestContext.Current.CancellationToken);

        rendered.StandardOutput.ShouldContain(expected);
        edited.Text.ShouldStartWith("resources:\n- deployment.yaml  # the app\nimages:\n- name: todo-api # set by CI\n  newTag: \"abc1234\"\n");
    }
}
