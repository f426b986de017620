using System.Collections;

namespace FlightForensics.Core.Model;

/// <summary>
/// Keeps the first <see cref="Capacity"/> items and counts the rest. Diagnostics are stored through this one type
/// (the decoders' sink, layer building): on hostile input every byte can yield a diagnostic, so memory must stay
/// bounded, and the report must still say how many were not kept.
/// </summary>
public sealed class CappedList<T> : IReadOnlyList<T>
{
    private readonly List<T> _items = [];

    /// <param name="capacity">Items kept; negative counts as zero (everything is only counted).</param>
    public CappedList(int capacity) => Capacity = Math.Max(0, capacity);

    public int Capacity { get; }

    /// <summary>Items offered after the list was full.</summary>
    public long NotStored { get; private set; }

    public int Count => _items.Count;

    public T this[int index] => _items[index];

    /// <summary>Keeps <paramref name="item"/> when there is room; otherwise counts it. True when kept.</summary>
    public bool Add(T item)
    {
        if (_items.Count < Capacity)
        {
            _items.Add(item);
            return true;
        }

        NotStored++;
        return false;
    }

    public List<T>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
