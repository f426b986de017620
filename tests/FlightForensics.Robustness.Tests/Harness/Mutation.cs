namespace FlightForensics.Robustness.Tests.Harness;

/// <summary>
/// One reproducible damage to an input: a kind and a seed. Recorded as a recipe (not as bytes) so that
/// regression cases derived from third-party samples can be kept without copying the samples.
/// </summary>
public sealed record Mutation(MutationKind Kind, int Seed)
{
    public override string ToString() => $"{Kind}#{Seed}";

    /// <summary>
    /// Applies the mutation. <paramref name="boundaries"/> are record starts known from a clean decode;
    /// <paramref name="lengthFields"/>, where a format's layout is known (PBF blob sizes, Shapefile record
    /// lengths, zip headers), are the exact size/count/offset fields that the length kinds overwrite.
    /// </summary>
    public byte[] Apply(byte[] input, IReadOnlyList<long> boundaries, IReadOnlyList<LengthField>? lengthFields = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(boundaries);
        var rng = new Random(Seed);
        int Pos() => input.Length == 0 ? 0 : rng.Next(input.Length);
        int Boundary() => boundaries.Count == 0 ? Pos() : (int)Math.Min(input.Length, boundaries[rng.Next(boundaries.Count)]);
        switch (Kind)
        {
            case MutationKind.BitFlips:
            {
                var copy = (byte[])input.Clone();
                int flips = 1 + rng.Next(16);
                for (int i = 0; i < flips && copy.Length > 0; i++)
                {
                    copy[Pos()] ^= (byte)(1 << rng.Next(8));
                }

                return copy;
            }

            case MutationKind.InsertBytes:
            {
                int at = Pos();
                var junk = new byte[1 + rng.Next(64)];
                rng.NextBytes(junk);
                return [.. input.AsSpan(0, at), .. junk, .. input.AsSpan(at)];
            }

            case MutationKind.DeleteBytes:
            {
                int at = Pos();
                int len = Math.Min(1 + rng.Next(64), input.Length - at);
                return [.. input.AsSpan(0, at), .. input.AsSpan(at + len)];
            }

            case MutationKind.TruncateAtBoundary:
                return input.AsSpan(0, Boundary()).ToArray();

            case MutationKind.TruncateAnywhere:
                return input.AsSpan(0, Pos()).ToArray();

            case MutationKind.LengthFieldZero or MutationKind.LengthFieldMax when lengthFields is { Count: > 0 }:
            {
                var copy = (byte[])input.Clone();
                var field = lengthFields[rng.Next(lengthFields.Count)];
                for (int i = 0; i < field.Width && field.Offset + i < copy.Length; i++)
                {
                    copy[field.Offset + i] = Kind == MutationKind.LengthFieldZero ? (byte)0 : (byte)0xFF;
                }

                return copy;
            }

            case MutationKind.LengthFieldZero:
            case MutationKind.LengthFieldMax:
            {
                // Length fields sit within the first bytes of a record in every format here: overwrite a
                // 1-, 2- or 4-byte window just after a record start.
                var copy = (byte[])input.Clone();
                int at = Boundary() + rng.Next(8);
                int width = new[] { 1, 2, 4 }[rng.Next(3)];
                for (int i = 0; i < width && at + i < copy.Length; i++)
                {
                    copy[at + i] = Kind == MutationKind.LengthFieldZero ? (byte)0 : (byte)0xFF;
                }

                return copy;
            }

            case MutationKind.DuplicateRecord:
            {
                var (start, end) = Record(input.Length, boundaries, rng);
                return [.. input.AsSpan(0, end), .. input.AsSpan(start, end - start), .. input.AsSpan(end)];
            }

            case MutationKind.SwapRecords:
            {
                var (a0, a1) = Record(input.Length, boundaries, rng);
                var (b0, b1) = Record(input.Length, boundaries, rng);
                if (b0 < a1)
                {
                    (a0, a1, b0, b1) = (b0, b1, a0, a1);
                }

                if (b0 < a1)
                {
                    return (byte[])input.Clone();
                }

                return [.. input.AsSpan(0, a0), .. input.AsSpan(b0, b1 - b0), .. input.AsSpan(a1, b0 - a1), .. input.AsSpan(a0, a1 - a0), .. input.AsSpan(b1)];
            }

            case MutationKind.Concatenate:
                return [.. input, .. input];

            default:
                throw new InvalidOperationException($"unknown mutation kind {Kind}");
        }
    }

    private static (int Start, int End) Record(int length, IReadOnlyList<long> boundaries, Random rng)
    {
        if (boundaries.Count < 2)
        {
            int s = rng.Next(Math.Max(1, length));
            return (s, Math.Min(length, s + 1 + rng.Next(64)));
        }

        int i = rng.Next(boundaries.Count - 1);
        return ((int)boundaries[i], (int)Math.Min(length, boundaries[i + 1]));
    }
}

/// <summary>A size, count or offset field of a format: where it is and how many bytes wide.</summary>
public readonly record struct LengthField(long Offset, int Width);

public enum MutationKind
{
    BitFlips,
    InsertBytes,
    DeleteBytes,
    TruncateAtBoundary,
    TruncateAnywhere,
    LengthFieldZero,
    LengthFieldMax,
    DuplicateRecord,
    SwapRecords,
    Concatenate,
}
