#!/usr/bin/env bash
# Runs the allocator JMH benchmarks (W1 pod churn, W2 flat pool churn) and the heap footprint.
# Usage (from the repository root): ipam-service/src/jmh/run-benchmarks.sh [extra JMH args]
# Benchmarks compile with `./mvnw verify` (src/jmh/java is a test source root) but never run there.
set -euo pipefail
cd "$(dirname "$0")/../../.."
./mvnw -B -q -pl ipam-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
CP="ipam-service/target/test-classes:ipam-service/target/classes:$(cat ipam-service/target/test.classpath)"
java -cp "$CP" org.openjdk.jmh.Main -f 1 -wi 2 -i 3 "$@" 'PodChurnBenchmark|PodChurnIntBenchmark|FlatPoolChurnBenchmark|HashMapBaselineBenchmark'
java -Xmx200m -cp "$CP" io.acicni.ipam.allocator.HeapFootprint 5000 150000
# Thread-CPU-time view of the same loops (less sensitive to other tenants' load than wall clock).
java -Xms1g -Xmx1g -cp "$CP" io.acicni.ipam.allocator.ChurnCpuTime 4
