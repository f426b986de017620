using System.Collections;

namespace FlightForensics.Core.Model;

/// <summary>
/// The samples of a decoded flight, appended in fixed-size chunks. A <see cref="List{T}"/> of a large struct
/// doubles and copies as it grows: at a million 10 Hz samples that touched about twice the final size in fresh
/// memory and copied the whole track several times (page faults were a third of a whole-process <c>check</c>).
/// Chunks are never moved, so growth costs only the new chunk.
/// </summary>
public sealed class SampleStore : IReadOnlyList<TelemetrySample>
{
    /// <summary>Samples per chunk: 2,048 × ~320 bytes ≈ 640 KB, under a megabyte per allocation.</summary>
    public const int ChunkLength = 2048;

    private const int ChunkShift = 11;
    private readonly List<TelemetrySample[]> _chunks = [];

    public int Count { get; private set; }

    public TelemetrySample this[int index] => ItemRef(index);

    /// <summary>The sample at <paramref name="index"/> by reference (no copy of the struct).</summary>
    public ref readonly TelemetrySample ItemRef(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        return ref _chunks[index >> ChunkShift][index & (ChunkLength - 1)];
    }

    /// <summary>Number of chunks; every chunk but the last is full.</summary>
    public int ChunkCount => _chunks.Count;

    /// <summary>The samples of one chunk, in order.</summary>
    public ReadOnlySpan<TelemetrySample> Chunk(int chunk) =>
        _chunks[chunk].AsSpan(0, chunk == _chunks.Count - 1 ? Count - (chunk << ChunkShift) : ChunkLength);

    public void Add(in TelemetrySample sample)
    {
        var offset = Count & (ChunkLength - 1);
        if (offset == 0)
        {
            _chunks.Add(new TelemetrySample[ChunkLength]);
        }

        _chunks[^1][offset] = sample;
        Count++;
    }

    public IEnumerator<TelemetrySample> GetEnumerator()
    {
        for (var c = 0; c < _chunks.Count; c++)
        {
            var length = c == _chunks.Count - 1 ? Count - (c << ChunkShift) : ChunkLength;
            for (var i = 0; i < length; i++)
            {
                yield return _chunks[c][i];
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
