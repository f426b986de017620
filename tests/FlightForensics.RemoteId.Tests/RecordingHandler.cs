using FlightForensics.RemoteId.Messages;

namespace FlightForensics.RemoteId.Tests;

/// <summary>Keeps every typed record the framer hands out, by frame number.</summary>
internal sealed class RecordingHandler : IRemoteIdRecordHandler
{
    public sealed class Frame
    {
        public List<BasicIdMessage> BasicIds { get; } = [];
        public List<LocationMessage> Locations { get; } = [];
        public List<SystemMessage> Systems { get; } = [];
        public List<OperatorIdMessage> Operators { get; } = [];
        public List<SelfIdMessage> SelfIds { get; } = [];
        public List<AuthenticationPage> Auth { get; } = [];
        public List<DjiDroneIdMessage> Dji { get; } = [];
        public List<FrameContext> Contexts { get; } = [];
        public int Packs { get; set; }
    }

    public SortedDictionary<long, Frame> Frames { get; } = [];
    public long FrameCount { get; private set; }
    public List<string> Comments { get; } = [];

    private Frame At(in FrameContext c)
    {
        if (!Frames.TryGetValue(c.FrameNumber, out var f))
        {
            f = new Frame();
            Frames[c.FrameNumber] = f;
        }

        f.Contexts.Add(c);
        return f;
    }

    public void OnFrame(long frameNumber, long offset, DateTimeOffset? timeUtc) => FrameCount++;
    public void OnBasicId(in FrameContext frame, in BasicIdMessage message) => At(frame).BasicIds.Add(message);
    public void OnLocation(in FrameContext frame, in LocationMessage message) => At(frame).Locations.Add(message);
    public void OnAuthentication(in FrameContext frame, in AuthenticationPage page) => At(frame).Auth.Add(page);
    public void OnSelfId(in FrameContext frame, in SelfIdMessage message) => At(frame).SelfIds.Add(message);
    public void OnSystem(in FrameContext frame, in SystemMessage message) => At(frame).Systems.Add(message);
    public void OnOperatorId(in FrameContext frame, in OperatorIdMessage message) => At(frame).Operators.Add(message);
    public void OnMessagePack(in FrameContext frame, int count) => At(frame).Packs++;
    public void OnUnknown(in FrameContext frame, in UnknownOdidMessage message) => At(frame);
    public void OnDjiDroneId(in FrameContext frame, in DjiDroneIdMessage message) => At(frame).Dji.Add(message);
    public void OnComment(long offset, DateTimeOffset? timeUtc, string text) => Comments.Add(text);
}
