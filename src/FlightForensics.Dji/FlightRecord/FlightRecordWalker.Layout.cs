using System.Buffers.Binary;
using FlightForensics.Core.Model;

namespace FlightForensics.Dji.FlightRecord;

/// <summary>Layout of the file: where the details block, the auxiliary blocks (v13+) and the records area are.</summary>
internal sealed partial class FlightRecordWalker
{
    private void LocateDetailsBeforeV13(long length)
    {
        if (_version == 12)
        {
            // v12: details right after the prefix, records after them (no sample exists; lvauvillier lib.rs).
            const int detailsStart = FlightRecordPrefix.LongLength;
            _details = FlightRecordDetails.Parse(_window.Get(detailsStart, 436), _version);
            _detailsOffset = detailsStart;
            _recordsStart = detailsStart + 436;
            _areaEnd = length;
            return;
        }

        _recordsStart = _prefix.Length;
        long detailOffset = _prefix.DetailOffset > (ulong)long.MaxValue ? long.MaxValue : (long)_prefix.DetailOffset;
        if (detailOffset < _recordsStart)
        {
            _sink.AddDiagnostic(0, DiagnosticKind.Corrupt, $"details offset {detailOffset} points into the header; records are read to the end of the file");
            _areaEnd = length;
            return;
        }

        if (detailOffset >= length)
        {
            _sink.AddDiagnostic(length, DiagnosticKind.Truncated,
                $"file ends at {length}, before the details block at {detailOffset}: the summary and pictures are missing and the last record may be cut",
                Math.Min(detailOffset - length + _prefix.DetailLength, int.MaxValue));
            _areaEnd = length;
            return;
        }

        _areaEnd = detailOffset;
        int detailLength = Math.Max((int)_prefix.DetailLength, 400);
        var block = _window.Get(detailOffset, detailLength);
        if (block.Length < detailLength)
        {
            _sink.AddDiagnostic(detailOffset + block.Length, DiagnosticKind.Truncated,
                $"details block at {detailOffset} is cut after {block.Length} of {detailLength} bytes", detailLength - block.Length);
        }
        else if (detailOffset + detailLength < length)
        {
            _afterDetails = detailOffset + detailLength;
        }

        _details = FlightRecordDetails.Parse(block, _version);
        _detailsOffset = detailOffset;
    }

    private void ReadAuxiliaryBlocks(long length)
    {
        // v13+: [kind u8][len u16][body] blocks at 100; kind 0 = info (XOR with type 0), kind 1 = version (§2.6).
        long pos = FlightRecordPrefix.LongLength;
        long declaredStart = _prefix.DetailOffset > (ulong)length ? -1 : (long)_prefix.DetailOffset;
        for (int block = 0; block < 8 && pos + 3 <= length; block++)
        {
            if (declaredStart >= 0 && pos >= declaredStart)
            {
                break;
            }

            var header = _window.Get(pos, 3);
            byte kind = header[0];
            int blockLength = BinaryPrimitives.ReadUInt16LittleEndian(header[1..]);
            var body = _window.Get(pos + 3, blockLength);
            if (body.Length < blockLength)
            {
                _sink.AddDiagnostic(pos, DiagnosticKind.Truncated, $"auxiliary block {kind} at {pos} is cut after {body.Length} of {blockLength} bytes", blockLength - body.Length);
                break;
            }

            if (kind == 0)
            {
                ReadInfoBlock(pos, body);
            }
            else if (kind == 1 && blockLength >= 3)
            {
                int keyVersion = BinaryPrimitives.ReadUInt16LittleEndian(body);
                int department = body[2];
                _sink.AddCounter(CounterGroup, "keychainVersion", keyVersion);
                _sink.AddCounter(CounterGroup, "department", department);
                if (RequestCollector is { } collector)
                {
                    collector.Version = keyVersion;
                    collector.Department = department is >= 1 and <= 8 ? department : Keychains.FlightRecordKeychainRequest.FallbackDepartment;
                }

                string? app = FlightRecordCodes.DepartmentName(department);
                if (app is not null)
                {
                    _sink.AddVehicle(new VehicleIdentity { AppName = app });
                }
            }
            else
            {
                _sink.AddDiagnostic(pos, DiagnosticKind.Note, $"auxiliary block of unknown kind {kind} ({blockLength} bytes) skipped", blockLength);
            }

            pos += 3 + blockLength;
        }

        if (_details is null)
        {
            bool cut = pos + 3 > length;
            _sink.AddDiagnostic(pos, cut ? DiagnosticKind.Truncated : DiagnosticKind.Corrupt,
                cut ? $"file ends at {length} inside the auxiliary blocks; no flight summary" : "no flight summary (auxiliary info block) found", cut ? length - pos : 0);
        }

        _recordsStart = declaredStart >= FlightRecordPrefix.LongLength ? declaredStart : pos;
        if (declaredStart >= 0 && declaredStart != pos)
        {
            _sink.AddDiagnostic(FlightRecordPrefix.LongLength, DiagnosticKind.Corrupt,
                $"header says records start at {declaredStart}, auxiliary blocks end at {pos}; using {_recordsStart}");
        }

        _areaEnd = length;
    }

    private void ReadInfoBlock(long pos, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 2)
        {
            return;
        }

        var decoded = _body.AsSpan(0, payload.Length - 2);
        if (!FlightRecordScrambler.TryUnscramble(0, payload, decoded, _prefix.MagicVersion))
        {
            _sink.AddDiagnostic(pos, DiagnosticKind.Crc, "auxiliary info block fails its XOR check byte; details read anyway", payload.Length);
        }

        // u8 version, u16 info length, info (the details block), u16 signature length, signature.
        if (decoded.Length < 3)
        {
            return;
        }

        int infoLength = BinaryPrimitives.ReadUInt16LittleEndian(decoded[1..]);
        var info = decoded[3..Math.Min(decoded.Length, 3 + infoLength)];
        _details = FlightRecordDetails.Parse(info, _version);
        _detailsOffset = pos;
        if (_details is null)
        {
            _sink.AddDiagnostic(pos, DiagnosticKind.Corrupt, $"details inside the auxiliary info block are {info.Length} bytes, fewer than {FlightRecordDetails.MinimumLength}");
        }

        if (3 + infoLength + 2 <= decoded.Length)
        {
            int signatureLength = BinaryPrimitives.ReadUInt16LittleEndian(decoded[(3 + infoLength)..]);
            _sink.AddCounter(CounterGroup, "infoSignatureBytes", signatureLength);
        }
    }

    private void ApplyDetails()
    {
        var d = _details;
        if (d is not null)
        {
            FlightRecordDetailsReport.Report(_sink, d, _detailsOffset);
        }

        _recordsEnd = _areaEnd;
    }
}
