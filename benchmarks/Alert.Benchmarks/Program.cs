using Alert.Benchmarks;
using BenchmarkDotNet.Running;

// BenchmarkDotNet for the micro-benchmarks; a few plain commands for what it does not measure (tail latency) and for
// the side-by-side run against PostGIS (benchmarks/postgis/run.sh).
return args.FirstOrDefault() switch
{
    "latency" => LatencyProbe.Run(),
    "export-points" => SideBySide.ExportPoints(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
    "export-areas" => SideBySide.ExportAreas(args[1]),
    "export-polygons" => SideBySide.ExportPolygons(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
    "locate-file" => SideBySide.LocateFile(args[1]),
    "match-file" => SideBySide.MatchFile(args[1]),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(LocatePointBenchmarks).Assembly).Run(args);
    return 0;
}
