using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Alert.Benchmarks.LocatePointBenchmarks).Assembly).Run(args);
