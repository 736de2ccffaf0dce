package io.acicni.deploy.provision;

import java.util.List;

/** Provisioning stopped: the {@code ERR:} messages (without prefix) to print. Exit code 1. */
public class ProvisionException extends Exception {
    private final List<String> messages;

    public ProvisionException(List<String> messages) {
        super(String.join("\n", messages));
        this.messages = List.copyOf(messages);
    }

    public ProvisionException(String message) {
        this(List.of(message));
    }

    public List<String> messages() {
        return messages;
    }
}
