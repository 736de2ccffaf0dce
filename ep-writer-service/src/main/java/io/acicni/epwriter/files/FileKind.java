package io.acicni.epwriter.files;

import java.util.List;

/** The two directories this service owns and which files in them it garbage-collects. */
public enum FileKind {
    /** {@code .ep} files; {@code veth_host_ac} and null-MAC endpoints belong to others and are never touched. */
    ENDPOINT("ep", List.of(".ep")),
    /** {@code .service} files, and Cisco's legacy {@code .as} files, which are replaced by {@code .service}. */
    SERVICE("service", List.of(".service", ".as"));

    private final String tag;
    private final List<String> managedSuffixes;

    FileKind(String tag, List<String> managedSuffixes) {
        this.tag = tag;
        this.managedSuffixes = managedSuffixes;
    }

    /** Short name used in metrics and audit subjects: {@code ep} or {@code service}. */
    public String tag() {
        return tag;
    }

    /** Whether a file in the directory is ours to delete when it is not desired. */
    public boolean isManaged(String fileName) {
        if (this == ENDPOINT && (fileName.contains("veth_host_ac") || fileName.endsWith("_null-mac.ep"))) {
            return false;
        }
        return managedSuffixes.stream().anyMatch(fileName::endsWith);
    }

    /** Whether a file counts as one of this kind's files (for file counts). */
    public boolean counts(String fileName) {
        return managedSuffixes.stream().anyMatch(fileName::endsWith) && !fileName.startsWith(".");
    }
}
