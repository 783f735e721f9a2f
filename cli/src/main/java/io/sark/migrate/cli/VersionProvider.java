package io.sark.migrate.cli;

import picocli.CommandLine.IVersionProvider;

/** The version recorded in the jar's manifest at build time. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = SarkMigrate.class.getPackage().getImplementationVersion();
        return new String[] {"sark-migrate " + (version == null ? "(development build)" : version)};
    }
}
