package io.acicni.deploy.diagnose;

/**
 * One line of a diagnosis.
 *
 * @param level OK, INFO, UNKNOWN or PROBLEM
 * @param text  what was seen, with the values
 * @param next  for a PROBLEM or UNKNOWN: what to check next (may be null)
 */
public record Finding(Level level, String text, String next) {
    public static Finding ok(String text) {
        return new Finding(Level.OK, text, null);
    }

    public static Finding info(String text) {
        return new Finding(Level.INFO, text, null);
    }

    public static Finding unknown(String text, String next) {
        return new Finding(Level.UNKNOWN, text, next);
    }

    public static Finding problem(String text, String next) {
        return new Finding(Level.PROBLEM, text, next);
    }
}
