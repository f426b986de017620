using FlightForensics.Core.Model;
using Xunit;

namespace FlightForensics.Core.Tests;

public sealed class SampleStoreTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(SampleStore.ChunkLength - 1)]
    [InlineData(SampleStore.ChunkLength)]
    [InlineData(SampleStore.ChunkLength + 1)]
    [InlineData((3 * SampleStore.ChunkLength) + 17)]
    public void Synthetic_samples_come_back_in_order_by_index_by_reference_by_chunk_and_by_enumeration(int count)
    {
        var store = new SampleStore();
        for (var i = 0; i < count; i++)
        {
            store.Add(new TelemetrySample { SourceOffset = i * 7L, ElapsedSeconds = i / 10.0 });
        }

        Assert.Equal(count, store.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i * 7L, store[i].SourceOffset);
            Assert.Equal(i / 10.0, store.ItemRef(i).ElapsedSeconds);
        }

        Assert.Equal(Enumerable.Range(0, count).Select(i => i * 7L), store.Select(s => s.SourceOffset));
        var fromChunks = new List<long>();
        for (var c = 0; c < store.ChunkCount; c++)
        {
            foreach (var s in store.Chunk(c))
            {
                fromChunks.Add(s.SourceOffset);
            }
        }

        Assert.Equal(Enumerable.Range(0, count).Select(i => i * 7L), fromChunks);
        Assert.Throws<ArgumentOutOfRangeException>(() => store[count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => store[-1]);
    }
}
