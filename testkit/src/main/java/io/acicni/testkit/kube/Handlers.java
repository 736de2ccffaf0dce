package io.acicni.testkit.kube;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

import java.util.function.Consumer;

/** Informer handlers for the double's controllers, which mostly react the same way to every change. */
final class Handlers {
    private Handlers() {
    }

    /** Calls {@code onChange} with the current object on add, update and delete. */
    static <T> ResourceEventHandler<T> anyChange(Consumer<T> onChange) {
        return of(onChange, onChange);
    }

    /** Calls {@code onUpsert} with the current object on add and update, and ignores deletes. */
    static <T> ResourceEventHandler<T> upserts(Consumer<T> onUpsert) {
        return of(onUpsert, deleted -> { });
    }

    static <T> ResourceEventHandler<T> of(Consumer<T> onUpsert, Consumer<T> onDelete) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onUpsert.accept(obj);
            }

            @Override
            public void onUpdate(T before, T after) {
                onUpsert.accept(after);
            }

            @Override
            public void onDelete(T obj, boolean unknownState) {
                onDelete.accept(obj);
            }
        };
    }
}
