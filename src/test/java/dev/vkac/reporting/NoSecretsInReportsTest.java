package dev.vkac.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vkac.clients.VaultResponse;
import dev.vkac.support.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Answers full of secrets go through a failing check and the report writers; no secret comes out. */
class NoSecretsInReportsTest {

    static final String ROOT_TOKEN = "vkac-5b0c2f52-3f0e-4a51-9b59-0d1f3c6f0e11";
    static final String CLIENT_TOKEN =
            "hvs.CAESIJ3kq9x2LkV0u8YwZ1c4bT5mN6pQ7rS8tU9vW0xY1zA2Gh4KHGh2cy5XbG9uZ1Rva2VuVmFsdWU";
    static final String OPENBAO_TOKEN = "s.Q2x1ZW50VG9rZW5WYWx1ZTEyMw";
    static final String ACCESSOR = "Xk3pZr8WqL1mN4vB7cT9yH2j";
    static final String JWT =
            "eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyJ9.eyJpc3MiOiJodHRwczovLzEyNy4wLjAuMSIsInN1YiI6InN5c3RlbTpzZXJ2aWNlYWNjb3VudDpkZWZhdWx0OmRlZmF1bHQifQ.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";
    static final List<String> ALL = List.of(ROOT_TOKEN, CLIENT_TOKEN, OPENBAO_TOKEN, ACCESSOR, JWT);

    private final Secrets secrets = new Secrets();

    /** A token's lookup of itself: data.id is the token. */
    private final VaultResponse lookupSelf = new VaultResponse(
            "GET /v1/auth/token/lookup-self",
            200,
            Map.of(
                    "data",
                    Map.of("id", CLIENT_TOKEN, "accessor", ACCESSOR, "display_name", "kubernetes-default-default")));

    private final VaultResponse login = new VaultResponse(
            "POST /v1/auth/kubernetes/login",
            200,
            Map.of(
                    "auth",
                    Map.of("client_token", OPENBAO_TOKEN, "accessor", ACCESSOR, "policies", List.of("default"))));

    @Test
    void aFailedCheckOnATokenLookupDoesNotShowTheToken() {
        // the suite remembers what its clients send and receive
        secrets.remember(ROOT_TOKEN);
        secrets.rememberValuesIn(lookupSelf.body());
        secrets.rememberValuesIn(login.body());
        secrets.rememberValuesIn(Map.of("role", "demo-role", "jwt", JWT));
        Throwable failure = catchThrowable(() -> assertThat(lookupSelf.data())
                .as("root %s, jwt %s", ROOT_TOKEN, JWT)
                .containsEntry("display_name", "someone-else"));
        assertThat(failure.getMessage()).contains(CLIENT_TOKEN); // what AssertJ would print

        Throwable redacted = secrets.redact(new IllegalStateException("wrapped", failure));

        assertThat(redacted.getCause()).isInstanceOf(AssertionError.class); // still a failure, not an error
        assertThat(redacted.getCause().getStackTrace()).isEqualTo(failure.getStackTrace());
        assertThat(everything(redacted))
                .doesNotContain(ALL)
                .contains(Secrets.REDACTED, "IllegalStateException", "display_name");
    }

    @Test
    void failuresWithoutSecretsPassUnchangedAndKeepTheirKind() {
        AssertionFailedError plain = new AssertionFailedError("expected: 403 but was: 200");
        assertThat(secrets.redact(plain)).isSameAs(plain);

        Throwable skipped = secrets.redact(new TestAbortedException("not in this version " + JWT));
        assertThat(skipped)
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("not in this version " + Secrets.REDACTED);
        assertThat(secrets.redact(new AssertionError("token " + CLIENT_TOKEN))).isInstanceOf(AssertionError.class);
    }

    @Test
    void answersPrintThemselvesWithoutSecrets() {
        assertThat(lookupSelf.toString() + login).doesNotContain(ALL).contains("kubernetes-default-default");
    }

    @Test
    void reportWritersLeaveOutTokenShapedStringsEvenUnremembered(@TempDir Path dir) throws IOException {
        // what reaches the writers has gone through the redaction above; shapes are their last line of defence
        String message = "expected 403 but was 200 " + login.body() + " jwt=" + JWT + " lookup " + lookupSelf.body();
        RunSummary summary = new RunSummary(
                "r1",
                Verdict.FAILED,
                "",
                "2026-11-30T00:00:00Z",
                1000,
                "local",
                "v1.37.2",
                Map.of("vkac.servers", "vault:1.14.8"),
                List.of(new ServerInfo("Vault 1.14.8", "", "1.14.8", "setup failed: " + JWT)),
                List.of(new CheckInfo("LOGIN-TOKEN-LOOKUP", 6, "looks itself up", "C", "m")),
                List.of(new CheckResult("LOGIN-TOKEN-LOOKUP", "Vault 1.14.8", "run", Status.FAILED, 5, message)));

        ReportWriter.writeAll(summary, dir);
        String console = ReportWriter.markdownPage(summary);

        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file))
                        .as(file.getFileName().toString())
                        .doesNotContain(JWT, CLIENT_TOKEN, OPENBAO_TOKEN)
                        .contains(Secrets.REDACTED);
            }
        }
        assertThat(console).doesNotContain(JWT, CLIENT_TOKEN, OPENBAO_TOKEN);
    }

    @Test
    void librariesThatLogOnTheirOwnAreRedactedLineByLine() {
        secrets.remember(ACCESSOR);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = secrets.redactingStream(new PrintStream(out, true, StandardCharsets.UTF_8));

        stream.println("Body: {\"jwt\":\"" + JWT + "\"}");
        stream.print("accessor " + ACCESSOR);
        stream.flush();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .doesNotContain(ALL)
                .contains("Body:", "accessor " + Secrets.REDACTED);
    }

    @Test
    void shortValuesAreNotRemembered() {
        secrets.remember("x");
        secrets.remember(null);
        assertThat(secrets.redact("x marks the spot")).isEqualTo("x marks the spot");
        assertThatThrownBy(() -> {
                    throw secrets.redact(new IllegalStateException("plain"));
                })
                .hasMessage("plain");
    }

    /** Message, toString and printed stack trace of a throwable and its causes: all a report could show. */
    private static String everything(Throwable throwable) {
        StringWriter out = new StringWriter();
        throwable.printStackTrace(new PrintWriter(out));
        return throwable + "\n" + out;
    }
}
