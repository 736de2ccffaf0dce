package io.acicni.events.model;

import io.acicni.events.serde.InvalidEventException;

import java.util.List;

/** Checks used by the records' constructors: a missing field is a typed error that names it. */
final class Require {
    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidEventException(field, "is required");
        }
        return value;
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field, "is required and must not be blank");
        }
        return value;
    }

    static <T> List<T> listOrEmpty(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }
}
