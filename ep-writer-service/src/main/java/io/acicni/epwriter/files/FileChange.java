package io.acicni.epwriter.files;

/**
 * One change made to a directory.
 *
 * @param kind   endpoint or service directory
 * @param name   the file name
 * @param action created, changed or removed
 * @param before the previous content, null when created (or unreadable)
 * @param after  the new content, null when removed
 */
public record FileChange(FileKind kind, String name, Action action, byte[] before, byte[] after) {
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
