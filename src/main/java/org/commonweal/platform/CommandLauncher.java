package org.commonweal.platform;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Runs operational commands. {@code help} and bad options are answered before any database starts; a known command
 * starts the application without its web server, runs, and exits.
 */
public final class CommandLauncher {

    /** Exit code for a call whose words are wrong. */
    public static final int USAGE = 2;

    private CommandLauncher() {}

    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    public static int launch(Class<?> application, String[] args) {
        Map<String, CommandSpec> commands = discover(application.getPackageName());
        String name = args[0];
        if (name.equals("help")) {
            printUsage(System.out, commands);
            return 0;
        }
        CommandSpec spec = commands.get(name);
        if (spec == null) {
            System.err.println("Unknown command: " + name);
            printUsage(System.err, commands);
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help")) {
            System.out.println("Usage: java -jar commonweal.jar " + spec.usage() + "\n  " + spec.summary());
            return 0;
        }
        CommandArgs parsed;
        try {
            parsed = CommandArgs.parse(rest, Set.of(spec.options()), Set.of(spec.flags()));
        } catch (UsageException e) {
            System.err.println(name + ": " + e.getMessage());
            System.err.println("Usage: java -jar commonweal.jar " + spec.usage());
            return USAGE;
        }
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of(
                "commonweal.command-mode", "true",
                "commonweal.scheduling.enabled", "false",
                "spring.main.banner-mode", "off"));
        try (ConfigurableApplicationContext context = app.run()) {
            OperationalCommand command =
                    find(context, name).orElseThrow(() -> new IllegalStateException("no bean for command " + name));
            return command.run(parsed);
        } catch (UsageException e) {
            System.err.println(name + ": " + e.getMessage());
            System.err.println("Usage: java -jar commonweal.jar " + spec.usage());
            return USAGE;
        } catch (Exception e) {
            System.err.println(name + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static Optional<OperationalCommand> find(ConfigurableApplicationContext context, String name) {
        return context.getBeansOfType(OperationalCommand.class).values().stream()
                .filter(c -> {
                    CommandSpec spec = org.springframework.aop.support.AopUtils.getTargetClass(c)
                            .getAnnotation(CommandSpec.class);
                    return spec != null && spec.name().equals(name);
                })
                .findFirst();
    }

    static Map<String, CommandSpec> discover(String basePackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(CommandSpec.class));
        Map<String, CommandSpec> commands = new TreeMap<>();
        for (var candidate : scanner.findCandidateComponents(basePackage)) {
            if (candidate instanceof AnnotatedBeanDefinition annotated) {
                var attributes = annotated
                        .getMetadata()
                        .getAnnotations()
                        .get(CommandSpec.class)
                        .synthesize();
                commands.put(attributes.name(), attributes);
            }
        }
        return commands;
    }

    private static void printUsage(PrintStream out, Map<String, CommandSpec> commands) {
        out.println("Usage: java -jar commonweal.jar [COMMAND [options]]");
        out.println("Without a command it serves the web application on http://localhost:8080.");
        out.println();
        out.println("Commands:");
        out.printf("  %-44s %s%n", "help", "print this help");
        commands.values().stream()
                .sorted(Comparator.comparing(CommandSpec::name))
                .forEach(c -> out.printf("  %-44s %s%n", c.usage(), c.summary()));
        out.println();
        out.println("Each command also takes --help.");
    }
}
