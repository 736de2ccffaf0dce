package io.acicni.epwriter.files;

/**
 * One change made to a directory.
 *
 * @param kind   endpoint or service directory
 * @param name   the file name
 * @param action created, changed or removed
 * @param before the previous content, null when created (or unreadable)
 * @param after  the new content (printed by {@link GoJson}), null when removed
 * @param beforeReadFromDisk whether {@code before} was read from the disk (full passes: any bytes) rather
 *                           than taken from what this process printed ({@link WrittenFiles}, incremental
 *                           passes: always {@link GoJson} output, so {@link CompactJson} applies)
 */
public record FileChange(FileKind kind, String name, Action action, byte[] before, byte[] after, boolean beforeReadFromDisk) {
    public enum Action {
        CREATED("file.created"), CHANGED("file.changed"), REMOVED("file.removed");

        private final String auditAction;

        Action(String auditAction) {
            this.auditAction = auditAction;
        }

        public String auditAction() {
            return auditAction;
        }
    }
}
