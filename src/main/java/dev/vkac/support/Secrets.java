package dev.vkac.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The secrets one run has seen (root tokens, client tokens, accessors, JWTs), so that no text leaving the
 * suite (failure messages, JUnit XML, reports, logs) carries them. Known values are replaced wherever they
 * appear; values shaped like a JWT or a Vault token are replaced even if nobody remembered them.
 */
public final class Secrets {

    public static final String REDACTED = "<redacted>";

    /** A JWT (header.claims.signature, each base64url; a JSON header starts "eyJ"), and Vault/OpenBao token formats. */
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("eyJ[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]*"),
            Pattern.compile("\\bhv[sbr]\\.[A-Za-z0-9_-]{20,}"),
            Pattern.compile("\\b[sbr]\\.[A-Za-z0-9]{24,}"));

    /** Keys whose values are secrets in Vault's requests and answers. */
    public static final List<String> SECRET_KEYS =
            List.of("client_token", "accessor", "token", "jwt", "token_reviewer_jwt", "root_token", "wrapped_accessor");

    /** Shorter strings are not remembered: replacing them would garble ordinary words. */
    private static final int SHORTEST = 8;

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** Remembers a secret value; null and short values are ignored. */
    public void remember(String secret) {
        if (secret != null && secret.length() >= SHORTEST) {
            known.add(secret);
        }
    }

    /**
     * Remembers the secrets in a JSON body (request or answer): the values of {@link #SECRET_KEYS} at any depth,
     * and the id of a token lookup, which is the token itself.
     */
    public void rememberValuesIn(Object json) {
        if (json instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (value instanceof String text && SECRET_KEYS.contains(String.valueOf(key))) {
                    remember(text);
                }
                rememberValuesIn(value);
            });
            if (map.containsKey("accessor") && map.get("id") instanceof String id) {
                remember(id);
            }
        } else if (json instanceof List<?> list) {
            list.forEach(this::rememberValuesIn);
        }
    }

    /** The text with every known secret and every token-shaped string replaced by {@value #REDACTED}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : known.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList()) {
            result = result.replace(secret, REDACTED);
        }
        return redactShapes(result);
    }

    /** Replaces token-shaped strings only: for writers that have no run's record of secrets. */
    public static String redactShapes(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Pattern shape : SHAPES) {
            result = shape.matcher(result).replaceAll(REDACTED);
        }
        return result;
    }

    /** A stream that passes text on line by line, redacted: for libraries that log on their own (rest-assured). */
    public PrintStream redactingStream(PrintStream target) {
        OutputStream lines = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                line.write(b);
                if (b == '\n') {
                    flush();
                }
            }

            @Override
            public synchronized void flush() {
                if (line.size() > 0) {
                    target.print(redact(line.toString(StandardCharsets.UTF_8)));
                    target.flush();
                    line.reset();
                }
            }
        };
        return new PrintStream(lines, true, StandardCharsets.UTF_8);
    }

    /**
     * The throwable itself if no message in it carries a secret; else a copy of it, its causes and suppressed
     * throwables, whose messages are redacted. The copy keeps
     * what reports tell apart (an assertion failure stays a failure, a skip a skip; other exceptions name their
     * original class) and every stack trace.
     */
    public Throwable redact(Throwable original) {
        return carriesSecrets(original) ? copyRedacted(original) : original;
    }

    private boolean carriesSecrets(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().equals(redact(t.getMessage()))) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (carriesSecrets(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Throwable copyRedacted(Throwable original) {
        String message = redact(original.getMessage());
        Throwable copy;
        if (original instanceof TestAbortedException) {
            copy = new TestAbortedException(message);
        } else if (original instanceof AssertionError) {
            copy = new AssertionFailedError(message);
        } else {
            copy = new RedactedException(original.getClass().getName(), message);
        }
        copy.setStackTrace(original.getStackTrace());
        if (original.getCause() != null && original.getCause() != original) {
            copy.initCause(copyRedacted(original.getCause()));
        }
        for (Throwable suppressed : original.getSuppressed()) {
            copy.addSuppressed(copyRedacted(suppressed));
        }
        return copy;
    }

    /** Stands for an exception whose message carried a secret; named after the original class. */
    public static final class RedactedException extends RuntimeException {
        private final String originalClass;

        RedactedException(String originalClass, String message) {
            super(message);
            this.originalClass = originalClass;
        }

        public String originalClass() {
            return originalClass;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
