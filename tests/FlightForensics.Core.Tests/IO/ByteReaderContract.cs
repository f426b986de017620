namespace FlightForensics.Core.Tests.IO;

/// <summary>
/// The boundary, refill, truncation and end-of-stream behaviour every byte reader in <c>Core.IO</c> must share,
/// written once and run against each reader (the way metadata-extractor runs one test base against each of its
/// readers). A reader is driven by a script of takes ("the next N bytes"); each implementation below only says how
/// a take maps onto its own API. Expected bytes are slices of the input computed here, never by a reader.
/// </summary>
public abstract class ByteReaderContract
{
    /// <summary>Outcome of one take: success, the bytes (empty on failure) and the reader's offset afterwards.</summary>
    public readonly record struct Take(bool Ok, byte[] Bytes, long PositionAfter);

    /// <summary>Runs <paramref name="takes"/> in order on a fresh reader over <paramref name="data"/>.</summary>
    /// <param name="bufferBytes">Buffer size for readers that have one (a power of two, so pooled arrays are exact).</param>
    protected abstract IReadOnlyList<Take> Run(byte[] data, int bufferBytes, IReadOnlyList<int> takes);

    /// <summary>One take as the implementations report it (the bytes are copied: spans die at the next read).</summary>
    protected static Take Taken(bool ok, ReadOnlySpan<byte> bytes, long positionAfter) =>
        new(ok, ok ? bytes.ToArray() : [], positionAfter);

    private static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)((i * 7) + 3)).ToArray();

    /// <summary>What a correct reader returns: consecutive slices; a take longer than what remains fails and moves nothing.</summary>
    private static List<Take> Expected(byte[] data, IReadOnlyList<int> takes)
    {
        var expected = new List<Take>();
        int at = 0;
        foreach (int n in takes)
        {
            if (n <= data.Length - at)
            {
                expected.Add(new Take(true, data[at..(at + n)], at + n));
                at += n;
            }
            else
            {
                expected.Add(new Take(false, [], at));
            }
        }

        return expected;
    }

    private void AssertScript(byte[] data, int bufferBytes, int[] takes)
    {
        var actual = Run(data, bufferBytes, takes);
        var expected = Expected(data, takes);
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Ok == actual[i].Ok, $"take {i} ({takes[i]} bytes): expected ok={expected[i].Ok}");
            Assert.Equal(expected[i].Bytes, actual[i].Bytes);
            Assert.Equal(expected[i].PositionAfter, actual[i].PositionAfter);
        }
    }

    [Fact]
    public void Takes_in_pieces_return_the_bytes_in_order_across_refill_boundaries() =>
        // 16-byte buffer, takes that straddle every refill point.
        AssertScript(Pattern(200), 16, [1, 3, 16, 5, 7, 2, 11, 16, 9, 13, 4, 16, 6, 15, 8, 10, 12, 14, 16, 16]);

    [Fact]
    public void A_take_of_the_whole_buffer_is_met_after_an_unaligned_start() =>
        AssertScript(Pattern(100), 16, [1, 16, 15, 16, 3, 16]);

    [Fact]
    public void Reading_exactly_to_the_end_succeeds_and_the_next_take_fails_without_moving() =>
        AssertScript(Pattern(40), 16, [16, 16, 8, 1, 0]);

    [Fact]
    public void A_truncated_take_fails_and_leaves_the_tail_readable() =>
        // 20 bytes: after 16, a take of 8 meets only 4 (a record cut by the end of the file); the 4 are still there
        // so a decoder can report them.
        AssertScript(Pattern(20), 16, [16, 8, 4, 1]);

    [Fact]
    public void Empty_input_gives_only_zero_length_takes() =>
        AssertScript([], 16, [0, 1, 16, 0]);

    [Fact]
    public void A_long_random_script_matches_slices_of_the_input()
    {
        var random = new Random(1602);
        int[] takes = Enumerable.Range(0, 900).Select(_ => random.Next(0, 17)).ToArray();
        AssertScript(Pattern(5000), 16, takes);
    }

    [Fact]
    public void Larger_buffers_read_files_many_times_their_size() =>
        // 274 records of 255 bytes (69,870), then a take bigger than what is left fails and the last 130 bytes remain.
        AssertScript(Pattern(70_000), 4096, Enumerable.Repeat(255, 274).Append(4000).Append(70_000 - (255 * 274)).ToArray());
}
