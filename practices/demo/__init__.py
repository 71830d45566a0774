"""Demo content: the ten cases from the seed article and synthetic cases for benchmarks."""
