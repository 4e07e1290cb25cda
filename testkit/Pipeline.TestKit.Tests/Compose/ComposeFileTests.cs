using System.Text.RegularExpressions;
using FluentAssertions;
using YamlDotNet.RepresentationModel;

namespace Pipeline.TestKit.Tests.Compose;

/// <summary>
/// The compose topology checked statically, without a Docker engine (selftest/Acceptance.Compose.Tests runs it):
/// everything it names must exist and it must be safe to start on a developer's machine.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();
    private static readonly string ComposeText = File.ReadAllText(Path.Combine(RepositoryRoot, "docker-compose.yml"));
    private static readonly YamlMappingNode Services = LoadServices();

    private static readonly string[] DotnetServices = ["api-server", "base-worker", "mock-llamaparse", "mock-openai"];

    [Fact]
    public void The_five_pipeline_services_exist_under_their_contract_names()
    {
        ServiceNames().Should().BeEquivalentTo(["postgres", "api-server", "base-worker", "mock-llamaparse", "mock-openai"]);
        Scalar(Service("postgres"), "image").Should().Be("${POSTGRES_IMAGE:-pgvector/pgvector:pg15}",
            "the official image unless a local equivalent is named (scripts/docker-base-images.sh)");
    }

    [Fact]
    public void Every_service_has_a_healthcheck()
    {
        foreach (var name in ServiceNames())
        {
            var healthcheck = Child(Service(name), "healthcheck") as YamlMappingNode;
            healthcheck.Should().NotBeNull($"{name} needs a healthcheck for depends_on conditions");
            healthcheck!.Children.Should().ContainKey(new YamlScalarNode("test"));
        }
        ComposeText.Should().Contain("pg_isready");
    }

    [Fact]
    public void Every_build_context_dockerfile_target_and_published_project_exists()
    {
        foreach (var name in DotnetServices)
        {
            var build = (YamlMappingNode)Service(name)["build"];
            var context = Path.GetFullPath(Path.Combine(RepositoryRoot, Scalar(build, "context")));
            var dockerfile = Path.Combine(context, Scalar(build, "dockerfile"));

            context.Should().Be(RepositoryRoot.TrimEnd('/'), $"{name} builds from the repository root to see Directory.*.props");
            File.Exists(dockerfile).Should().BeTrue($"{name}'s Dockerfile {dockerfile} must exist");
            Scalar(build, "target").Should().Be(name, "each service is the Dockerfile stage of its own name");

            var dockerfileText = File.ReadAllText(dockerfile);
            dockerfileText.Should().MatchRegex($@"(?m)^FROM \S+ AS {name}$", $"{dockerfile} must have a stage named {name}");
            foreach (Match published in PublishedProject().Matches(dockerfileText.Replace("$service", ProjectOf(name), StringComparison.Ordinal)))
                File.Exists(Path.Combine(context, published.Groups["path"].Value)).Should().BeTrue(
                    $"{name} publishes {published.Groups["path"].Value}, which must exist");
            dockerfileText.Should().Contain($"/app/{ProjectOf(name)}", $"{name}'s stage copies its published project");
        }
    }

    [Fact]
    public void Base_images_default_to_the_official_ones_and_can_be_replaced()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot, "reference-pipeline/Dockerfile"));
        dockerfile.Should().Contain("ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0")
            .And.Contain("ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0")
            .And.Contain("FROM ${SDK_IMAGE} AS build").And.Contain("FROM ${RUNTIME_IMAGE}");
        ComposeText.Should().Contain("SDK_IMAGE: ${DOTNET_SDK_IMAGE:-mcr.microsoft.com/dotnet/sdk:10.0}")
            .And.Contain("RUNTIME_IMAGE: ${DOTNET_RUNTIME_IMAGE:-mcr.microsoft.com/dotnet/aspnet:10.0}");
        dockerfile.Should().NotContain("# syntax=", "the builders here cannot pull a Dockerfile frontend")
            .And.NotContain("<<", "heredocs need a newer builder than docker-compose 1.29 uses");
    }

    private static string ProjectOf(string service) => service switch
    {
        "api-server" => "ApiServer",
        "base-worker" => "BaseWorker",
        "mock-llamaparse" => "MockLlamaParse",
        _ => "MockOpenAi",
    };

    [Fact]
    public void Dependencies_name_existing_services_and_wait_for_them_to_be_healthy()
    {
        var names = ServiceNames();
        foreach (var name in names)
        {
            if (Child(Service(name), "depends_on") is not YamlMappingNode dependsOn) continue;
            foreach (var (dependency, condition) in dependsOn.Children)
            {
                names.Should().Contain(((YamlScalarNode)dependency).Value!, $"{name} depends on it");
                Scalar((YamlMappingNode)condition, "condition").Should().Be("service_healthy");
            }
        }
        ((YamlMappingNode)Service("api-server")["depends_on"]).Children.Should().ContainKey(new YamlScalarNode("postgres"));
    }

    [Fact]
    public void Published_ports_are_bound_to_loopback_only()
    {
        var published = ServiceNames()
            .Select(Service)
            .Where(s => s.Children.ContainsKey(new YamlScalarNode("ports")))
            .SelectMany(s => ((YamlSequenceNode)s["ports"]).Children.Cast<YamlScalarNode>().Select(p => p.Value!))
            .ToList();

        published.Should().NotBeEmpty();
        published.Should().OnlyContain(port => port.StartsWith("127.0.0.1:", StringComparison.Ordinal));
        Service("api-server").Children.Should().ContainKey(new YamlScalarNode("ports"));
    }

    [Fact]
    public void Uploaded_files_are_on_a_volume_shared_by_api_server_and_workers()
    {
        string[] Volumes(string service) => ((YamlSequenceNode)Service(service)["volumes"]).Children
            .Select(v => ((YamlScalarNode)v).Value!.Split(':')[0]).ToArray();

        Volumes("api-server").Intersect(Volumes("base-worker")).Should().NotBeEmpty();
    }

    [Fact]
    public void No_secret_looking_literal_is_committed()
    {
        SecretLooking().Matches(ComposeText).Select(m => m.Value).Should().BeEmpty();
        ComposeText.Should().Contain("${OPENAI_API_KEY:-", "keys come from the environment");
    }

    private static IReadOnlyList<string> ServiceNames() =>
        Services.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!).ToList();

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    // A key of the mapping itself or, as compose reads YAML merge keys, of the mapping merged into it (<<: *anchor).
    private static string Scalar(YamlMappingNode node, string key) =>
        ((YamlScalarNode)(Child(node, key) ?? ((YamlMappingNode)node["<<"])[key])).Value!;

    private static YamlMappingNode LoadServices()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(ComposeText));
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "docker-compose.yml"))) return dir.FullName;
        throw new InvalidOperationException($"No docker-compose.yml above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"dotnet publish ""?(?<path>[^\s""]+\.csproj)")]
    private static partial Regex PublishedProject();

    // OpenAI keys (sk-..., sk-proj-...) and LlamaCloud keys (llx-...) of realistic length.
    [GeneratedRegex(@"(sk-(proj-)?[A-Za-z0-9_\-]{20,}|llx-[A-Za-z0-9]{20,})")]
    private static partial Regex SecretLooking();
}
