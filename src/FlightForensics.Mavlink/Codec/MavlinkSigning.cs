using System.Security.Cryptography;

namespace FlightForensics.Mavlink.Codec;

/// <summary>
/// MAVLink 2 packet signatures (research/mavlink-formats.md §4): the first 6 bytes of
/// SHA-256(secret key ‖ header ‖ payload ‖ CRC ‖ link id ‖ timestamp).
/// </summary>
public static class MavlinkSigning
{
    /// <summary>The signing clock's origin: 2015-01-01 00:00 UTC.</summary>
    public static readonly DateTimeOffset Epoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const int KeyLength = 32;

    /// <summary>True when the packet is signed and its signature matches <paramref name="secretKey"/>.</summary>
    public static bool Verify(in MavlinkFrame frame, ReadOnlySpan<byte> secretKey)
    {
        if (!frame.IsSigned)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[6];
        ComputeSignature(frame.Packet[..^6], secretKey, expected);
        return CryptographicOperations.FixedTimeEquals(expected, frame.Packet[^6..]);
    }

    /// <summary>
    /// Writes the 6 signature bytes for <paramref name="signedPart"/> (the packet from the start byte
    /// through the CRC, link id and 6-byte timestamp) into <paramref name="destination"/>.
    /// </summary>
    public static void ComputeSignature(ReadOnlySpan<byte> signedPart, ReadOnlySpan<byte> secretKey, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[KeyLength + MavlinkFrame.MaxPacketLength];
        int keyLength = Math.Min(secretKey.Length, KeyLength);
        secretKey[..keyLength].CopyTo(input);
        input[keyLength..KeyLength].Clear();
        signedPart.CopyTo(input[KeyLength..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input[..(KeyLength + signedPart.Length)], hash);
        hash[..6].CopyTo(destination);
    }

    /// <summary>The 32-byte key Mission Planner and node-mavlink derive from a passphrase: SHA-256 of its UTF-8 bytes.</summary>
    public static byte[] KeyFromPassphrase(string passphrase) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(passphrase));
}
