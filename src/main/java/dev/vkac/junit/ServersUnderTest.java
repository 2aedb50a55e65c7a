package dev.vkac.junit;

import dev.vkac.config.ConfigException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * One argument per configured server (vkac.servers) that runs this class (vkac.classesOfServers): the guide, to be set
 * up against that server.
 * The Kubernetes cluster starts here, once, so that a cluster that cannot start fails the run at once
 * (except in a dry run, {@code -Djunit.platform.execution.dryRun.enabled=true}, which lists the checks only).
 */
public final class ServersUnderTest implements ArgumentsProvider {

    /** A misspelt class in vkac.classesOfServers would silently leave its checks out: every name must be a conformance class. */
    private static void expectConformanceClasses(Set<String> names, Class<?> conformanceClass) {
        for (String name : names) {
            Class<?> named;
            try {
                named = Class.forName(
                        conformanceClass.getPackageName() + "." + name, false, conformanceClass.getClassLoader());
            } catch (ClassNotFoundException e) {
                named = null;
            }
            if (named == null || !named.isAnnotationPresent(ConformanceTest.class)) {
                throw new ConfigException("vkac.classesOfServers names " + name + ", which is no conformance class of "
                        + conformanceClass.getPackageName());
            }
        }
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        RunContext run = RunContext.of(context);
        boolean dryRun = context.getConfigurationParameter(
                        "junit.platform.execution.dryRun.enabled", Boolean::parseBoolean)
                .orElse(false);
        List<String> clusters = run.config().clusterNames();
        if (!dryRun) {
            clusters.forEach(run.target()::cluster);
        }
        String conformanceClass = context.getRequiredTestClass().getSimpleName();
        ConformanceTest declared = context.getRequiredTestClass().getAnnotation(ConformanceTest.class);
        boolean upgradesOnly = declared != null && declared.upgradesOnly();
        expectConformanceClasses(run.config().classesNamedForServers(), context.getRequiredTestClass());
        return clusters.stream()
                .flatMap(cluster -> run.config().serversOn(run.target().kind()).stream()
                        .filter(spec -> run.config().runsClass(spec, conformanceClass, upgradesOnly))
                        .map(spec -> Arguments.of(run.guideFor(spec, cluster, context.getRequiredTestClass()))));
    }
}
