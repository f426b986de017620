using System.Buffers;

namespace FlightForensics.Mavlink.Codec;

/// <summary>Receives what <see cref="MavlinkStreamReader"/> finds; offsets are absolute in the stream.</summary>
public interface IMavlinkReadHandler
{
    void Handle(in MavlinkReadResult result, long streamOffset);

    /// <summary>True to end reading early (checked after each result).</summary>
    bool StopRequested => false;
}

/// <summary>
/// Runs <see cref="MavlinkPacketReader"/> over a stream in pooled blocks: memory stays bounded whatever
/// the input size, and skipped runs that straddle two blocks are reported as one.
/// </summary>
public static class MavlinkStreamReader
{
    public const int DefaultBlockSize = 1 << 20;

    public static void Read<THandler>(Stream input, MavlinkFraming framing, THandler handler, int blockSize = DefaultBlockSize, CancellationToken cancellationToken = default)
        where THandler : IMavlinkReadHandler
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(handler);
        blockSize = Math.Max(blockSize, 4 * (MavlinkFrame.MaxPacketLength + 8));
        var buffer = ArrayPool<byte>.Shared.Rent(blockSize);
        try
        {
            var merger = new SkipMerger<THandler>(handler);
            long baseOffset = 0;
            int filled = 0;
            bool final = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                while (!final && filled < buffer.Length)
                {
                    int n = input.Read(buffer, filled, buffer.Length - filled);
                    if (n == 0)
                    {
                        final = true;
                    }

                    filled += n;
                }

                var reader = new MavlinkPacketReader(buffer.AsSpan(0, filled), final, framing);
                while (reader.Read(out var result))
                {
                    merger.Handle(result, baseOffset);
                    if (handler.StopRequested)
                    {
                        return;
                    }
                }

                int consumed = reader.BytesConsumed;
                if (final)
                {
                    break;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                baseOffset += consumed;
            }

            merger.Flush();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Joins adjacent skipped runs (a block boundary splits them) before passing them on.</summary>
    private sealed class SkipMerger<THandler>(THandler inner) where THandler : IMavlinkReadHandler
    {
        private long _skipOffset = -1;
        private long _skipLength;
        private long _skipZeros;

        public void Handle(in MavlinkReadResult result, long baseOffset)
        {
            long offset = baseOffset + result.Offset;
            if (result.Kind == MavlinkReadKind.Skipped)
            {
                if (_skipOffset >= 0 && _skipOffset + _skipLength == offset)
                {
                    _skipLength += result.Length;
                    _skipZeros += result.ZeroBytes;
                    return;
                }

                Flush();
                _skipOffset = offset;
                _skipLength = result.Length;
                _skipZeros = result.ZeroBytes;
                return;
            }

            if (result.Kind != MavlinkReadKind.CrcFailure)
            {
                Flush();
            }

            inner.Handle(result, baseOffset);
        }

        public void Flush()
        {
            if (_skipOffset >= 0)
            {
                inner.Handle(new MavlinkReadResult(MavlinkReadKind.Skipped, 0, (int)Math.Min(_skipLength, int.MaxValue), default, 0, (int)Math.Min(_skipZeros, int.MaxValue)), _skipOffset);
                _skipOffset = -1;
                _skipLength = 0;
                _skipZeros = 0;
            }
        }
    }
}
