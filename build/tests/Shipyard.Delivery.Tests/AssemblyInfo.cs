// These tests drive Linux programs (buildah, nginx, fcgiwrap, git-http-backend, docker-registry) and Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
