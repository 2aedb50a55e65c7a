package dev.vkac.targets.external;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The Vault policy the suite's runner needs on an external server: {@code fixtures/external/vault-rights.hcl}, or,
 * when the owner removes the entities of the suite's logins (vkac.ownerRemovesEntities), that policy without the
 * rights to list and delete entities, which Vault cannot scope to the suite's own: the runner keeps only reading an
 * entity by its id, which it learns from its own logins (ids are random, and it may not list them).
 */
final class VaultRights {

    static final String FILE = "fixtures/external/vault-rights.hcl";

    private VaultRights() {}

    /** The policy's text, as given to Vault. */
    static String policy(Path projectDir, boolean ownerRemovesEntities) {
        String policy;
        try {
            policy = Files.readString(projectDir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + projectDir.resolve(FILE), e);
        }
        return ownerRemovesEntities ? withoutEntityRights(policy) : policy;
    }

    /** The policy with no rights on {@code identity/} but reading an entity by its id. */
    static String withoutEntityRights(String policy) {
        return IDENTITY_BLOCK
                .matcher(policy)
                .replaceAll(block -> block.group(1).equals(ENTITY_BY_ID)
                        ? "path \"" + ENTITY_BY_ID + "\" {\n  capabilities = [\"read\"]\n}\n"
                        : "");
    }

    private static final String ENTITY_BY_ID = "identity/entity/id/*";
    private static final Pattern IDENTITY_BLOCK =
            Pattern.compile("(?m)^path\\s+\"(identity/[^\"]*)\"\\s*\\{[^}]*\\}\\n?");
}
