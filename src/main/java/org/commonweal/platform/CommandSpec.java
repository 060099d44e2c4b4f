package org.commonweal.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Describes an {@link OperationalCommand}: its name, usage line and the options it accepts. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CommandSpec {

    String name();

    /** One line shown by {@code help}, for example {@code "generate [--scale small|full]"}. */
    String usage();

    String summary();

    /** Option names without the leading dashes. */
    String[] options() default {};

    /** Options that take no value. */
    String[] flags() default {};
}
