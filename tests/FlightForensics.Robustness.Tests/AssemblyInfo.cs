// Memory is measured per decoding: tests in this assembly must not run side by side.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
