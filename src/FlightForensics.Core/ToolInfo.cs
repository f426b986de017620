using System.Reflection;

namespace FlightForensics.Core;

/// <summary>The tool's name and version, written into every output for provenance.</summary>
public static class ToolInfo
{
    public const string Name = "FlightForensics";

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ToolInfo).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    public static string NameAndVersion => $"{Name} {Version}";
}
