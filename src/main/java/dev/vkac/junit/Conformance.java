package dev.vkac.junit;

import dev.vkac.clients.VaultHttp;
import dev.vkac.config.ServerSpec;
import dev.vkac.config.SuiteConfig;
import dev.vkac.fixtures.FixtureFiles;
import dev.vkac.fixtures.Guide;
import dev.vkac.reporting.RunDirectory;
import dev.vkac.support.Secrets;
import dev.vkac.targets.StartedOnce;
import dev.vkac.targets.Target;
import dev.vkac.targets.Targets;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one run of the suite shares: its configuration, its report folder and its target (with the one
 * Kubernetes cluster every server under test uses). Kept in JUnit's root store, so it is created once per
 * run and closed, stopping every server, when the run ends.
 */
public final class Conformance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Conformance.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Conformance.class);

    private final SuiteConfig config;
    private final Path runDir;
    private final Target target;
    private final FixtureFiles fixtureFiles;
    private final Secrets secrets = new Secrets();
    private volatile boolean failed;

    private Conformance(SuiteConfig config) {
        this.config = config;
        this.fixtureFiles = FixtureFiles.in(config.projectDir());
        this.runDir = RunDirectory.current(config.reportsDir());
        LOG.info("vault-k8s-auth-conformance, effective configuration:\n  {}", config.toString().replace("\n", "\n  "));
        LOG.info("reports and server logs of this run: {}", runDir);
        Thread warmUp = new Thread(VaultHttp::warmUp, "rest-assured-warm-up");
        warmUp.setDaemon(true);
        warmUp.start(); // while the control plane starts
        this.target = Targets.create(config, runDir.resolve("servers"));
        LOG.info("target: {}", target.kind().id());
    }

    /** The run's shared state, created on first use. */
    @SuppressWarnings("unchecked")
    public static Conformance of(ExtensionContext context) {
        // a run that cannot start (an invalid setting, no Docker) fails its first class with the cause, and every
        // later class at once, without trying again
        return ((StartedOnce<Conformance>) context.getRoot().getStore(NAMESPACE).computeIfAbsent(Conformance.class,
                key -> new StartedOnce<>("the run", () -> new Conformance(SuiteConfig.fromSystem())), StartedOnce.class)).get();
    }

    /** The guide set up against one server under test; its server starts when the guide is set up. */
    public Guide guideFor(ServerSpec spec) {
        return new Guide(spec, target, fixtureFiles, runDir.resolve("servers"), secrets, this::keepingEnvironment);
    }

    /** A conformance check failed: with vkac.keepOnFailure, what is running stays for debugging. */
    public void recordFailure() {
        failed = true;
    }

    private boolean keepingEnvironment() {
        return failed && config.keepOnFailure();
    }

    /** The secrets this run has seen: no failure message or report may show them. */
    public Secrets secrets() {
        return secrets;
    }

    public SuiteConfig config() {
        return config;
    }

    public Target target() {
        return target;
    }

    @Override
    public void close() {
        if (keepingEnvironment()) {
            LOG.warn("a check failed and vkac.keepOnFailure is set. {}", target.keepForDebugging());
        } else {
            target.close();
        }
    }
}
