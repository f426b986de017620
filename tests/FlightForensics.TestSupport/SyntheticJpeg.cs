using System.Buffers.Binary;

namespace FlightForensics.TestSupport;

/// <summary>Pieces of the minimal JPEGs that tests write themselves (EXIF in little-endian TIFF order).</summary>
public static class SyntheticJpeg
{
    /// <summary>One 12-byte TIFF IFD entry: tag, type, count, value or offset.</summary>
    public static void WriteIfdEntry(Span<byte> at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(at[4..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(at[8..], value);
    }

    /// <summary>A tiny SOF0 (8×16, one component), an SOS with two bytes of scan data, and EOI.</summary>
    public static void AppendImageAndEnd(List<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        bytes.AddRange([0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x10, 0x01, 0x01, 0x11, 0x00]);
        bytes.AddRange([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34, 0xFF, 0xD9]);
    }
}
