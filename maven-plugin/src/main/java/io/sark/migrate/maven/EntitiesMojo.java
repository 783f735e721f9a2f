package io.sark.migrate.maven;

import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A goal that compares the project's entities with its changelog: the entities are read from the project's compiled
 * classes, with its runtime class path behind them, and Hibernate's settings from its Spring Boot
 * application.properties / application.yml when it has them.
 */
abstract class EntitiesMojo extends SarkMigrateMojo {

    /** Packages whose @Entity classes are compared (found in the classes and the dependencies). Default: every one the project compiles. */
    @Parameter(property = "sark-migrate.entitiesPackages")
    List<String> entitiesPackages;

    /** Entity classes to compare, by name (besides the packages'). */
    @Parameter(property = "sark-migrate.entities")
    List<String> entities;

    /**
     * Spring Boot settings files (application.yml or .properties), read for Hibernate's naming and settings, a later
     * one winning. Default: those of src/main/resources that exist.
     */
    @Parameter(property = "sark-migrate.springConfig")
    List<File> springConfig;

    /** Spring Boot profiles whose application-PROFILE files are read too. */
    @Parameter(property = "sark-migrate.springProfiles")
    List<String> springProfiles;

    /** A Hibernate .properties file of the application's settings. */
    @Parameter(property = "sark-migrate.hibernateProperties")
    File hibernateProperties;

    /** Keep what the database has beyond the entities (--keep-extras), for an existing project's database. */
    @Parameter(property = "sark-migrate.keepExtras", defaultValue = "false")
    boolean keepExtras;

    /** --classpath, the entity options and the settings files. */
    List<String> entityArguments() throws MojoFailureException {
        List<String> args = new ArrayList<>();
        List<String> classpath;
        try {
            classpath = project.getRuntimeClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoFailureException("The project's class path is not resolved: " + e.getMessage(), e);
        }
        String output = project.getBuild().getOutputDirectory();
        if (!Files.isDirectory(Path.of(output))) {
            throw new MojoFailureException("No compiled classes in " + shown(Path.of(output)) + ": compile the project first (mvn compile"
                    + " sark-migrate:" + command() + ").");
        }
        args.addAll(List.of("--classpath", String.join(File.pathSeparator, classpath)));
        boolean named = entities != null && !entities.isEmpty();
        if (entitiesPackages != null && !entitiesPackages.isEmpty()) {
            args.addAll(List.of("--entities-package", String.join(",", entitiesPackages)));
        } else if (!named && !projectSets("entities-package") && !projectSets("entities")) {
            args.addAll(List.of("--entities-package", "*"));
        }
        if (named) {
            args.addAll(List.of("--entities", String.join(",", entities)));
        }
        List<File> spring = springConfig;
        if ((spring == null || spring.isEmpty()) && !projectSets("spring-config")) {
            spring = new ArrayList<>();
            for (String name : List.of("application.yml", "application.yaml", "application.properties")) {
                // Spring Boot reads .properties over .yml where both are there: the later wins here
                File file = basedir().resolve("src/main/resources").resolve(name).toFile();
                if (file.isFile()) {
                    spring.add(file);
                }
            }
        }
        for (File file : spring == null ? List.<File>of() : spring) {
            args.addAll(List.of("--spring-config", file.getPath()));
        }
        if (springProfiles != null && !springProfiles.isEmpty()) {
            args.addAll(List.of("--spring-profiles", String.join(",", springProfiles)));
        }
        if (hibernateProperties != null) {
            args.addAll(List.of("--hibernate-properties", hibernateProperties.getPath()));
        }
        if (keepExtras) {
            args.add("--keep-extras");
        }
        return args;
    }
}
