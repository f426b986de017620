using System.Globalization;

namespace FlightForensics.RemoteId.Analysis;

/// <summary>
/// Physics and consistency checks on what a capture's broadcasts claim, per aircraft. Remote ID is unauthenticated
/// in practice: none of these proves a spoof, and passing them proves no authenticity; each explanation says so.
/// </summary>
public static class BroadcastBelievability
{
    private const double EarthRadiusMeters = 6371008.8; // IUGG mean radius

    /// <summary>Indicators for every aircraft of <paramref name="contents"/> (read with positions kept).</summary>
    public static IReadOnlyList<BelievabilityIndicator> Analyse(RemoteIdCaptureContents contents, BelievabilityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(contents);
        options ??= BelievabilityOptions.Default;
        var result = new List<BelievabilityIndicator>();
        foreach (var aircraft in contents.Aircraft)
        {
            Speed(aircraft, options, result);
            Operator(aircraft, aircraft.OperatorPositions, "operator", options, result);
            if (aircraft.Home is { } home)
            {
                Operator(aircraft, [home], "home", options, result);
            }

            Clock(aircraft, options, result);
            Authentication(aircraft, result);
            Transmitters(aircraft, contents, options, result);
        }

        return result;
    }

    /// <summary>Great-circle distance on a sphere of the IUGG mean radius (haversine), metres.</summary>
    public static double DistanceMeters(double lat1, double lon1, double lat2, double lon2)
    {
        double p1 = lat1 * Math.PI / 180, p2 = lat2 * Math.PI / 180;
        double dp = p2 - p1, dl = (lon2 - lon1) * Math.PI / 180;
        double h = Math.Sin(dp / 2) * Math.Sin(dp / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>The speed limit for an F3411 UA type (Basic ID, low nibble of byte 1).</summary>
    public static double MaxSpeed(int? uaType, BelievabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return uaType switch
        {
            2 or 3 or 5 => options.MultirotorMaxSpeedMetersPerSecond, // helicopter/multirotor, gyroplane, ornithopter
            7 or 8 or 9 or 10 or 13 => options.LighterThanAirMaxSpeedMetersPerSecond, // kite, balloons, airship, tethered
            _ => options.FixedWingMaxSpeedMetersPerSecond,
        };
    }

    private static void Speed(AircraftTrack a, BelievabilityOptions o, List<BelievabilityIndicator> result)
    {
        double limit = MaxSpeed(a.UaType, o);
        var speedOffsets = new List<long>();
        var jumpOffsets = new List<long>();
        double maxImplied = 0, maxJump = 0, maxStated = 0;
        int speedCount = 0, jumpCount = 0, statedCount = 0;
        DateTimeOffset? first = null, last = null;
        PositionObservation? anchor = null, previous = null;
        foreach (var p in a.Observations)
        {
            if (p.StatedSpeedMetersPerSecond is double stated && stated > limit)
            {
                statedCount++;
                maxStated = Math.Max(maxStated, stated);
                Add(speedOffsets, p.SourceOffset, o);
            }

            if (previous is { CaptureUtc: DateTimeOffset tp } prev && p.CaptureUtc is DateTimeOffset tn)
            {
                double step = DistanceMeters(prev.LatitudeDegrees, prev.LongitudeDegrees, p.LatitudeDegrees, p.LongitudeDegrees);
                if (step >= o.TeleportMeters && (tn - tp).TotalSeconds < o.TeleportWithinSeconds)
                {
                    jumpCount++;
                    maxJump = Math.Max(maxJump, step);
                    Add(jumpOffsets, p.SourceOffset, o);
                    first ??= tn;
                    last = tn;
                }
            }

            if (anchor is { CaptureUtc: DateTimeOffset ta } an && p.CaptureUtc is DateTimeOffset t)
            {
                double dt = (t - ta).TotalSeconds;
                if (dt >= o.MinIntervalSeconds)
                {
                    double d = DistanceMeters(an.LatitudeDegrees, an.LongitudeDegrees, p.LatitudeDegrees, p.LongitudeDegrees);
                    double implied = d / dt;
                    if (d >= o.MinStepMeters && implied > limit)
                    {
                        speedCount++;
                        maxImplied = Math.Max(maxImplied, implied);
                        Add(speedOffsets, p.SourceOffset, o);
                        first ??= t;
                        last = t;
                    }

                    anchor = p;
                }
            }
            else
            {
                anchor = p;
            }

            previous = p;
        }

        string limitText = F(limit);
        if (speedCount + statedCount > 0)
        {
            result.Add(new BelievabilityIndicator
            {
                AircraftId = a.Id,
                Kind = "impossible-speed",
                Severity = maxImplied > 2 * limit ? "high" : "medium",
                StartUtc = first,
                EndUtc = last,
                Evidence = new Dictionary<string, string>
                {
                    ["impliedSpeedStepsOverLimit"] = speedCount.ToString(CultureInfo.InvariantCulture),
                    ["maxImpliedSpeedMps"] = F(maxImplied),
                    ["statedSpeedsOverLimit"] = statedCount.ToString(CultureInfo.InvariantCulture),
                    ["maxStatedSpeedMps"] = F(maxStated),
                    ["limitMps"] = limitText,
                    ["uaType"] = a.UaType?.ToString(CultureInfo.InvariantCulture) ?? "unknown",
                },
                SourceOffsets = speedOffsets,
                Explanation = $"positions imply (or state) speeds above {limitText} m/s for this UA type. Cannot prove a spoof: "
                    + "two aircraft sharing one ID, or a receiver clock that stalled, give the same picture.",
            });
        }

        if (jumpCount > 0)
        {
            result.Add(new BelievabilityIndicator
            {
                AircraftId = a.Id,
                Kind = "teleport",
                Severity = "high",
                StartUtc = first,
                EndUtc = last,
                Evidence = new Dictionary<string, string>
                {
                    ["jumps"] = jumpCount.ToString(CultureInfo.InvariantCulture),
                    ["maxJumpM"] = F(maxJump),
                    ["thresholdM"] = F(o.TeleportMeters),
                    ["withinS"] = F(o.TeleportWithinSeconds),
                },
                SourceOffsets = jumpOffsets,
                Explanation = $"consecutive positions {F(maxJump)} m apart within {F(o.TeleportWithinSeconds)} s. Cannot tell a spoofer "
                    + "from several transmitters using one ID or a GNSS fault on board.",
            });
        }
    }

    private static void Operator(AircraftTrack a, List<BroadcastPosition> points, string what, BelievabilityOptions o, List<BelievabilityIndicator> result)
    {
        if (points.Count == 0 || a.Observations.Count == 0)
        {
            return;
        }

        double max = 0;
        var offsets = new List<long>();
        var obs = a.Observations;
        int j = 0;
        foreach (var point in points)
        {
            // The aircraft positions heard just before and after the statement (both in capture order): linear in
            // the capture, and the comparison a live operator position is meant for.
            while (j + 1 < obs.Count && point.TimeUtc is DateTimeOffset t && obs[j + 1].CaptureUtc <= t)
            {
                j++;
            }

            double nearest = double.MaxValue;
            for (int k = j; k <= Math.Min(j + 1, obs.Count - 1); k++)
            {
                nearest = Math.Min(nearest, DistanceMeters(point.LatitudeDegrees, point.LongitudeDegrees, obs[k].LatitudeDegrees, obs[k].LongitudeDegrees));
            }

            if (nearest > o.OperatorMediumMeters)
            {
                max = Math.Max(max, nearest);
                Add(offsets, point.SourceOffset, o);
            }
        }

        if (offsets.Count == 0)
        {
            return;
        }

        result.Add(new BelievabilityIndicator
        {
            AircraftId = a.Id,
            Kind = "operator-implausible",
            Severity = max > o.OperatorHighMeters ? "high" : "medium",
            StartUtc = points[0].TimeUtc,
            EndUtc = points[^1].TimeUtc,
            Evidence = new Dictionary<string, string>
            {
                ["position"] = what,
                ["maxDistanceToAircraftM"] = F(max),
                ["mediumOverM"] = F(o.OperatorMediumMeters),
                ["highOverM"] = F(o.OperatorHighMeters),
            },
            SourceOffsets = offsets,
            Explanation = $"the stated {what} position is {F(max / 1000)} km from every position the aircraft broadcast. Cannot prove a spoof: "
                + "a fixed or take-off operator location type may legitimately be stale; it only says the stated position is not where a live operator could be.",
        });
    }

    private static void Clock(AircraftTrack a, BelievabilityOptions o, List<BelievabilityIndicator> result)
    {
        var values = a.Observations.Where(p => p.ClockDisagreementSeconds is not null).Select(p => p.ClockDisagreementSeconds!.Value).Order().ToArray();
        if (values.Length == 0)
        {
            return;
        }

        double median = values[values.Length / 2];
        if (Math.Abs(median) <= o.ClockOffsetSeconds)
        {
            return;
        }

        result.Add(new BelievabilityIndicator
        {
            AircraftId = a.Id,
            Kind = "clock-offset",
            Severity = "medium",
            Evidence = new Dictionary<string, string>
            {
                ["medianLocationMinusCaptureS"] = F(median),
                ["thresholdS"] = F(o.ClockOffsetSeconds),
                ["messages"] = values.Length.ToString(CultureInfo.InvariantCulture),
            },
            SourceOffsets = [.. a.Observations.Take(o.MaxOffsets).Select(p => p.SourceOffset)],
            Explanation = $"Location timestamps are {F(median)} s from the capture clock (median). Cannot tell a wrong receiver clock, "
                + "a transmitter without GNSS time or a replayed broadcast apart.",
        });
    }

    private static void Authentication(AircraftTrack a, List<BelievabilityIndicator> result)
    {
        int missing = 0;
        if (a.AuthenticationLastPageIndex is int last)
        {
            foreach (int type in a.AuthenticationPages.Keys.Select(k => k.AuthType).Distinct())
            {
                for (int page = 0; page <= last; page++)
                {
                    missing += a.AuthenticationPages.ContainsKey((type, page)) ? 0 : 1;
                }
            }
        }

        if (missing == 0 && a.AuthenticationPagesOutOfRange == 0)
        {
            return;
        }

        result.Add(new BelievabilityIndicator
        {
            AircraftId = a.Id,
            Kind = "signature",
            Severity = a.AuthenticationPagesOutOfRange > 0 ? "medium" : "low",
            Evidence = new Dictionary<string, string>
            {
                ["pagesMissing"] = missing.ToString(CultureInfo.InvariantCulture),
                ["pagesOutOfRange"] = a.AuthenticationPagesOutOfRange.ToString(CultureInfo.InvariantCulture),
            },
            Explanation = "authentication pages are missing or numbered beyond the stated last page. Missing pages may simply not "
                + "have been received; the signature itself is not verified (no key is known to the tool).",
        });
    }

    private static void Transmitters(AircraftTrack a, RemoteIdCaptureContents contents, BelievabilityOptions o, List<BelievabilityIndicator> result)
    {
        // Several IDs from one transmitter: reported on each aircraft that transmitter claimed to be.
        int maxIds = 0;
        string? address = null;
        foreach (var tx in a.Transmitters)
        {
            if (contents.IdsByTransmitter.TryGetValue(tx, out var ids) && ids.Count > maxIds)
            {
                maxIds = ids.Count;
                address = Messages.RemoteIdNames.Mac(tx);
            }
        }

        if (maxIds >= 2)
        {
            result.Add(new BelievabilityIndicator
            {
                AircraftId = a.Id,
                Kind = "id-inconsistency",
                Severity = maxIds >= o.IdsPerTransmitterHigh ? "high" : "medium",
                StartUtc = a.FirstUtc,
                EndUtc = a.LastUtc,
                Evidence = new Dictionary<string, string> { ["transmitter"] = address!, ["idsFromTransmitter"] = maxIds.ToString(CultureInfo.InvariantCulture) },
                Explanation = $"transmitter {address} sent {maxIds} different IDs. One radio does not carry several aircraft, but a ground "
                    + "station relaying several aircraft, or an ID counted twice (serial and session ID of one type), would also do it.",
            });
        }

        if (a.Transmitters.Count >= 2)
        {
            result.Add(new BelievabilityIndicator
            {
                AircraftId = a.Id,
                Kind = "id-inconsistency",
                Severity = "low",
                StartUtc = a.FirstUtc,
                EndUtc = a.LastUtc,
                Evidence = new Dictionary<string, string> { ["transmitters"] = a.Transmitters.Count.ToString(CultureInfo.InvariantCulture) },
                Explanation = "one ID was heard from several transmitter addresses. Address randomisation and aircraft with separate Wi-Fi "
                    + "and Bluetooth radios do this legitimately; a copied ID does it too.",
            });
        }
    }

    private static void Add(List<long> offsets, long offset, BelievabilityOptions o)
    {
        if (offsets.Count < o.MaxOffsets)
        {
            offsets.Add(offset);
        }
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
