using FlightForensics.Core.Decoding;

namespace FlightForensics.Application;

/// <summary>What this build knows: every decoder, in registration order (the order decides ties in detection).</summary>
public static class DefaultRegistries
{
    /// <summary>A new registry holding every decoder of the format libraries.</summary>
    public static FormatRegistry Decoders()
    {
        var registry = new FormatRegistry();
        foreach (var decoder in Dji.DjiDecoders.All
                     .Concat(Dji.DjiMediaDecoders.All)
                     .Concat(Mavlink.MavlinkDecoders.All)
                     .Concat(OnboardLogs.OnboardLogDecoders.All)
                     .Concat(RemoteId.RemoteIdDecoders.All))
        {
            registry.Add(decoder);
        }

        return registry;
    }
}
