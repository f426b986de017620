using FlightForensics.Core.Model;

namespace FlightForensics.Geo.Analysis;

/// <summary>The camera moments the detector looks at: photos (events, else photo flags) and video frames at the interval.</summary>
internal sealed partial class CaptureDetector
{
    private IEnumerable<Moment> PhotoMoments_()
    {
        var photoEvents = log.Events.Where(e => e.Kind == FlightEventKind.Photo).ToList();
        if (photoEvents.Count > 0)
        {
            foreach (var e in photoEvents)
            {
                var seconds = SecondsOf(e);
                if (seconds is double t)
                {
                    yield return new Moment(t, e.SourceOffset, e);
                }
                else if (e.LatitudeDegrees is not null && e.LongitudeDegrees is not null && SameRecord(e.SourceOffset) is int k)
                {
                    // No time (a photo whose clock is not trusted), but its own position and a sample from the same
                    // record, which holds the camera state of that moment.
                    yield return new Moment(track.Seconds[k], e.SourceOffset, e, k);
                }
                else
                {
                    SkippedNoPosition++;
                }
            }

            yield break;
        }

        var previous = false;
        for (var k = 0; k < track.Count; k++)
        {
            var photo = track.PhotoTaken[k];
            if (photo && !previous)
            {
                yield return new Moment(track.Seconds[k], track.SourceOffset[k], null, k);
            }

            previous = photo;
        }
    }

    /// <summary>The track point decoded from the record at <paramref name="sourceOffset"/> (index built on first use).</summary>
    private int? SameRecord(long sourceOffset)
    {
        if (_byOffset is null)
        {
            _byOffset = new Dictionary<long, int>(track.Count);
            for (var k = track.Count - 1; k >= 0; k--)
            {
                _byOffset[track.SourceOffset[k]] = k;
            }
        }

        return _byOffset.TryGetValue(sourceOffset, out var found) ? found : null;
    }

    private IEnumerable<Moment> VideoMoments()
    {
        var next = double.NegativeInfinity;
        for (var k = 0; k < track.Count; k++)
        {
            if (!track.RecordingVideo[k])
            {
                next = double.NegativeInfinity;
                continue;
            }

            var t = track.Seconds[k];
            if (double.IsNaN(t) || t >= next)
            {
                yield return new Moment(t, track.SourceOffset[k], null, k);
                next = double.IsNaN(t) ? double.NegativeInfinity : t + options.VideoFrameIntervalSeconds;
            }
        }
    }

    private double? SecondsOf(FlightEvent e)
    {
        if (track.TimeOrigin is DateTimeOffset origin)
        {
            if (e.TimeUtc is DateTimeOffset utc)
            {
                return (utc - origin).TotalSeconds;
            }

            if (SampleTime.After(log.StartUtc, e.ElapsedSeconds) is DateTimeOffset at)
            {
                return (at - origin).TotalSeconds;
            }

            return null;
        }

        return e.ElapsedSeconds;
    }

    private readonly record struct Moment(double Seconds, long SourceOffset, FlightEvent? Event, int? Point = null, MediaFrame? Media = null);
}
