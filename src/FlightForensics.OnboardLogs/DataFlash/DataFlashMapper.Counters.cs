namespace FlightForensics.OnboardLogs.DataFlash;

// Counters: records per FMT name and the run's dataflash.* counters.
internal sealed partial class DataFlashMapper
{
    /// <summary>Flushes every type's record count and adds the run's dataflash.* counters (also after a cancelled or failed run).</summary>
    private void FlushCounters(IDataFlashRecordSource reader)
    {
        for (int t = 0; t < 256; t++)
        {
            FlushCount(t);
        }

        _sink.AddCounter("dataflash", "formatsDefined", reader.Schema.Formats.Count());
        if (_events > _options.MaxEvents)
        {
            _sink.AddCounter("dataflash", "eventsNotStored", _events - _options.MaxEvents);
        }

        if (reader.SkippedBytes > 0)
        {
            _sink.AddCounter("dataflash", "skippedBytes", reader.SkippedBytes);
        }

        if (reader is DataFlashReader { TypesRedefined: > 0 } binary)
        {
            _sink.AddCounter("dataflash", "typesRedefined", binary.TypesRedefined);
            _sink.AddCounter("dataflash", "firstRedefinitionOffset", binary.FirstRedefinitionOffset ?? 0);
        }
    }

    private void FlushCount(int type)
    {
        if (_countedAs[type] is DataFlashFormat f && _counts[type] > 0)
        {
            _sink.CountRecord(f.Name, _counts[type]);
        }

        _counts[type] = 0;
    }
}
