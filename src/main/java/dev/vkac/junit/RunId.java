package dev.vkac.junit;

import java.security.SecureRandom;

/** A run's id: short, lowercase, unlikely to repeat, usable in Kubernetes names, labels and Vault paths. */
final class RunId {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunId() {
    }

    static String next() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
