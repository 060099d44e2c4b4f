package org.commonweal.platform;

/**
 * A command run with {@code java -jar commonweal.jar NAME [options]}. Implementations are Spring beans annotated
 * with {@link CommandSpec}; the process exits with the returned code.
 */
public interface OperationalCommand {

    int run(CommandArgs args) throws Exception;
}
