package org.commonweal;

import org.commonweal.platform.CommandLauncher;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.FullyQualifiedAnnotationBeanNameGenerator;

/**
 * Commonweal: the operating platform of a public health plan.
 *
 * <p>Without arguments it serves the web application. With a first argument that is not an option
 * ({@code java -jar commonweal.jar generate --scale full}) it runs that operational command and exits.
 *
 * <p>Scanned beans are named by their fully qualified class name, so two modules may both have a
 * {@code StaffController}.
 */
@SpringBootApplication(nameGenerator = FullyQualifiedAnnotationBeanNameGenerator.class)
public class CommonwealApplication {

    public static void main(String[] args) {
        if (CommandLauncher.isCommand(args)) {
            System.exit(CommandLauncher.launch(CommonwealApplication.class, args));
        }
        SpringApplication.run(CommonwealApplication.class, args);
    }
}
