namespace Alert.Ingress.Notices;

/// <summary>Outcome of resolving and authorising a notice: a submission, a 422, or a 403.</summary>
internal enum NoticeDecision
{
    Accept,
    Invalid,
    Forbidden,
}
