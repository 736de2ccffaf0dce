package io.acicni.deploy.diagnose;

import java.util.List;

/**
 * The files of one node whose names start with a prefix, or why they could not be read.
 *
 * @param available whether the node's files could be read at all
 * @param files     the files found (empty when none or not available)
 * @param where     where they were looked for (directories or URL)
 * @param why       when not available: the reason
 */
public record FileLookup(boolean available, List<NodeFile> files, String where, String why) {
    public static FileLookup found(List<NodeFile> files, String where) {
        return new FileLookup(true, List.copyOf(files), where, null);
    }

    public static FileLookup unavailable(String where, String why) {
        return new FileLookup(false, List.of(), where, why);
    }
}
