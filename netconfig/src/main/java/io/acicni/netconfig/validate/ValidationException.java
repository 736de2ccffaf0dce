package io.acicni.netconfig.validate;

import java.util.List;

/**
 * The input was rejected. Carries the {@code ERR:} lines to print, in order, exactly as
 * acc-provision prints them where it has a message ({@code "ERR:  "} + message).
 */
public class ValidationException extends Exception {
    /** The prefix of an error line: {@code ERR}, a colon and two spaces. */
    public static final String ERR_PREFIX = "ERR:  ";

    private final List<String> messages;

    public ValidationException(List<String> messages) {
        super(String.join("\n", messages));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one message");
        }
        this.messages = List.copyOf(messages);
    }

    public ValidationException(String message) {
        this(List.of(message));
    }

    /** The messages without prefix. */
    public List<String> messages() {
        return messages;
    }

    /** The lines to print: {@code "ERR:  " + message} each. */
    public List<String> errLines() {
        return messages.stream().map(m -> ERR_PREFIX + m).toList();
    }
}
