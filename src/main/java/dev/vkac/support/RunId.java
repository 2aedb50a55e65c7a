package dev.vkac.support;

import java.security.SecureRandom;

/**
 * A run's id: short, lowercase, unlikely to repeat, usable in Kubernetes names, labels and Vault paths. Chosen once
 * per JVM and shared, like the run's folder ({@link RunDirectory}), through the system property {@value #PROPERTY}:
 * the report listener starts before the harness, and both must name the same run.
 */
public final class RunId {

    public static final String PROPERTY = "vkac.runId";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunId() {}

    /** This run's id: the one already chosen in this JVM, or a new one. */
    public static synchronized String current() {
        String chosen = System.getProperty(PROPERTY);
        if (chosen == null || !isValid(chosen)) {
            chosen = next();
            System.setProperty(PROPERTY, chosen);
        }
        return chosen;
    }

    /** Whether a text can be a run id: what {@code tools/cleanup} accepts. */
    public static boolean isValid(String text) {
        return text.matches("[a-z0-9]{1,12}");
    }

    static String next() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
