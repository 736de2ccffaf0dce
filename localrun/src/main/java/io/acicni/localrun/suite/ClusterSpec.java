package io.acicni.localrun.suite;

import java.nio.file.Path;

/**
 * The Kubernetes objects a local run starts with: the testkit's sample cluster, a multi-document
 * YAML file of plain objects, or only {@code n} generated nodes (the benchmark adds the pods itself).
 */
public sealed interface ClusterSpec {

    static ClusterSpec sample() {
        return new Sample();
    }

    static ClusterSpec file(Path path) {
        return new File(path);
    }

    static ClusterSpec generatedNodes(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("--nodes must be at least 1, got " + count);
        }
        return new GeneratedNodes(count);
    }

    record Sample() implements ClusterSpec {
    }

    record File(Path path) implements ClusterSpec {
    }

    record GeneratedNodes(int count) implements ClusterSpec {
    }
}
