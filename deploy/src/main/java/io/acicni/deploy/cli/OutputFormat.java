package io.acicni.deploy.cli;

/** {@code -o text} (default) or {@code -o json}. */
public enum OutputFormat {
    text, json
}
