namespace FlightForensics.Core.IO;

/// <summary>
/// The refill step shared by the streaming readers that keep one fixed buffer over a stream: slide the unread
/// bytes to the front, then read until at least <c>needed</c> bytes (and half a buffer) are available.
/// </summary>
public static class StreamWindow
{
    /// <param name="stream">The source, read forward only.</param>
    /// <param name="buffer">The reader's fixed buffer.</param>
    /// <param name="pos">Index of the first unread byte in <paramref name="buffer"/>.</param>
    /// <param name="end">Index just past the last valid byte in <paramref name="buffer"/>.</param>
    /// <param name="bufferOffset">Stream offset of <c>buffer[0]</c> (advanced when bytes slide).</param>
    /// <param name="eof">Set once the stream has no more bytes.</param>
    /// <param name="needed">Bytes wanted from <paramref name="pos"/>.</param>
    /// <returns>True when <paramref name="needed"/> bytes are available.</returns>
    public static bool Fill(Stream stream, byte[] buffer, ref int pos, ref int end, ref long bufferOffset, ref bool eof, int needed)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(buffer);
        if (end - pos >= needed)
        {
            return true;
        }

        if (eof)
        {
            return false;
        }

        if (pos > 0)
        {
            Buffer.BlockCopy(buffer, pos, buffer, 0, end - pos);
            bufferOffset += pos;
            end -= pos;
            pos = 0;
        }

        while (end < needed || end < buffer.Length / 2)
        {
            int n = stream.Read(buffer, end, buffer.Length - end);
            if (n <= 0)
            {
                eof = true;
                break;
            }

            end += n;
        }

        return end - pos >= needed;
    }
}
