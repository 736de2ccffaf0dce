package io.acicni.ipam.engine;

/**
 * A batch could not be published because another replica's producer took over the transactional id:
 * another leader exists, whether or not this replica has noticed losing the lease yet.
 */
public final class FencedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
