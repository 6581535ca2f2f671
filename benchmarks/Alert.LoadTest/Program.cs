using Alert.LoadTest;

// The load tool. Without a command: the fan-out run of docs/BENCHMARKS.md (N subscribers, M notices, latency from the
// ingest request to the last subscriber, against a bare Kestrel WebSocket floor measured in the same run). The other
// roles are the processes it starts itself; `throughput` is the many-issuers run.
return args.FirstOrDefault() switch
{
    "clients" => await SubscriberClients.RunAsync(args[1..]),
    "floor" => await FloorServer.RunAsync(args[1..]),
    "throughput" => await ThroughputRun.RunAsync(args[1..]),
    "webhooks" => await WebhookRun.RunAsync(args[1..]),
    _ => await FanoutRun.RunAsync(FanoutOptions.Parse(args)),
};
