package org.commonweal;

import org.commonweal.platform.CommandLauncher;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Commonweal: the operating platform of a public health plan.
 *
 * <p>Without arguments it serves the web application. With a first argument that is not an option
 * ({@code java -jar commonweal.jar generate --scale full}) it runs that operational command and exits.
 */
@SpringBootApplication
public class CommonwealApplication {

    public static void main(String[] args) {
        if (CommandLauncher.isCommand(args)) {
            System.exit(CommandLauncher.launch(CommonwealApplication.class, args));
        }
        SpringApplication.run(CommonwealApplication.class, args);
    }
}
