package io.sark.migrate.hibernate.mapping;

import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.hibernate.EntityMappingException;
import io.sark.migrate.hibernate.EntityModel;
import io.sark.migrate.hibernate.HibernateSettings;
import io.sark.migrate.hibernate.HibernateSettings.SettingsException;
import io.sark.migrate.hibernate.MappingReader;
import org.hibernate.Version;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataBuilder;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.ImplicitNamingStrategy;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.boot.registry.selector.spi.StrategySelectionException;
import org.hibernate.boot.registry.selector.spi.StrategySelector;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.dialect.PostgreSQLDialect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;

/**
 * The entities as the Hibernate beside this class maps them: loaded by sark-migrate's class loader it is sark-migrate's
 * Hibernate 6.6, loaded by an {@link io.sark.migrate.hibernate.ApplicationHibernate} loader the application's own (6.6
 * or 7.x). So it uses only what both majors keep: the boot API, the mapping model and the schema tool's SPI.
 */
public final class HibernateMappingReader implements MappingReader {

    @Override
    public String hibernateVersion() {
        return Version.getVersionString();
    }

    /**
     * Refuses, quickly and before any entity is read, the settings {@link #read} would refuse: a default schema other
     * than {@code public}, an implicit naming strategy that cannot be loaded.
     */
    @Override
    public void checkSettings(HibernateSettings settings) {
        refuseOtherSchema(settings);
        String naming = settings.properties().get(AvailableSettings.IMPLICIT_NAMING_STRATEGY);
        if (naming == null || naming.isBlank() || HibernateSettings.SPRING_IMPLICIT_DEFAULT.equals(naming)) {
            return;
        }
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.DIALECT, PostgreSQLDialect.class.getName())
                .applySetting("hibernate.boot.allow_jdbc_metadata_access", "false").build();
        try {
            implicitNaming(registry, settings);
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    private static void refuseOtherSchema(HibernateSettings settings) {
        String defaultSchema = settings.properties().get(AvailableSettings.DEFAULT_SCHEMA);
        if (defaultSchema != null && !defaultSchema.isBlank()) {
            EntityDeclarations.refuseUnusableSchema(defaultSchema.strip().toLowerCase(Locale.ROOT), AvailableSettings.DEFAULT_SCHEMA);
        }
    }

    @Override
    public EntityModel read(List<Class<?>> entities, HibernateSettings settings) {
        Map<String, Object> applied = new LinkedHashMap<>(settings.properties());
        applied.keySet().removeIf(key -> key.startsWith("hibernate.connection") || key.startsWith("jakarta.persistence.jdbc")
                || key.startsWith("javax.persistence.jdbc") || key.startsWith("hibernate.hbm2ddl") || key.startsWith("jakarta.persistence.schema-generation"));
        refuseOtherSchema(settings);
        applied.remove(AvailableSettings.IMPLICIT_NAMING_STRATEGY); // resolved below, where Spring Boot's has a stand-in
        // Spring Boot 4's physical naming is Hibernate 7's, which 6.6 lacks: its stand-in names as it does.
        if (SnakeCaseNaming.HIBERNATE_7.equals(applied.get(AvailableSettings.PHYSICAL_NAMING_STRATEGY)) && !onClassPath(SnakeCaseNaming.HIBERNATE_7)) {
            applied.put(AvailableSettings.PHYSICAL_NAMING_STRATEGY, SnakeCaseNaming.class.getName());
        }
        applied.put(AvailableSettings.DIALECT, PostgreSQLDialect.class.getName());
        applied.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        applied.put(AvailableSettings.HBM2DDL_AUTO, "none");
        applied.put(AvailableSettings.HBM2DDL_CREATE_NAMESPACES, "false");
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(applied).build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            MetadataBuilder builder;
            try {
                builder = sources.getMetadataBuilder().applyImplicitNamingStrategy(new PostgresConstraintNames(implicitNaming(registry, settings)));
            } catch (StrategySelectionException e) {
                // a naming strategy (hibernate.physical_naming_strategy) that cannot be loaded: the settings' mistake
                throw new SettingsException(oneLine(e) + ": put the class on --classpath, or leave the setting out.", e);
            }
            Metadata metadata;
            try (var t = Timings.phase("Hibernate " + Version.getVersionString() + " reads the mappings")) {
                metadata = builder.build();
            } catch (RuntimeException e) {
                throw new EntityMappingException("Hibernate cannot read the entities: " + oneLine(e), e);
            }
            // hibernate.default_schema places every table no mapping places: said on each, so that it is named as any other.
            String defaultSchema = settings.properties().get(AvailableSettings.DEFAULT_SCHEMA);
            boolean placed = false;
            if (defaultSchema != null && !defaultSchema.isBlank()) {
                for (org.hibernate.mapping.Table table : metadata.collectTableMappings()) {
                    if (table.getSchema() == null) {
                        table.setSchema(defaultSchema.strip());
                        placed = true;
                    }
                }
            }
            SortedSet<String> schemas = EntityDeclarations.otherSchemas(metadata, entities);
            if (placed) {
                String folded = EntityDeclarations.schemaName(Identifier.toIdentifier(defaultSchema.strip()));
                if (folded != null) {
                    schemas.add(folded);
                }
            }
            List<String> ddl = new ArrayList<>();
            ddl.addAll(EnumDeclarations.missingEnumTypes(metadata));
            try (var t = Timings.phase("Hibernate writes their DDL")) {
                ddl.addAll(HibernateDdl.create(metadata, registry));
            } catch (RuntimeException e) {
                throw new EntityMappingException("Hibernate cannot write the schema of the entities: " + oneLine(e), e);
            }
            try (var t = Timings.phase("what the mappings declare besides")) {
            ddl.addAll(EntityDeclarations.pgIndexes(metadata, entities));
            Map<String, List<String>> keyOrder = EntityDeclarations.compositeKeyOrder(metadata);
            return new EntityModel(ddl, EntityDeclarations.renames(metadata, entities), EntityDeclarations.hypertables(metadata, entities),
                    EntityDeclarations.declaredColumnOrder(metadata, keyOrder), keyOrder, EntityDeclarations.uniqueIndexNames(metadata, entities),
                    EnumDeclarations.enumLabels(metadata), EntityDeclarations.tableNames(metadata), EntityDeclarations.warnings(metadata), schemas);
            }
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    /** The application's implicit naming strategy, as Hibernate would resolve it; Spring Boot's without Spring Boot. */
    private static ImplicitNamingStrategy implicitNaming(StandardServiceRegistry registry, HibernateSettings settings) {
        String setting = settings.properties().get(AvailableSettings.IMPLICIT_NAMING_STRATEGY);
        if (HibernateSettings.SPRING_IMPLICIT_DEFAULT.equals(setting) && !onClassPath(setting)) {
            return new SpringBootImplicitNaming();
        }
        try {
            return registry.getService(StrategySelector.class)
                    .resolveDefaultableStrategy(ImplicitNamingStrategy.class, setting, ImplicitNamingStrategyJpaCompliantImpl.INSTANCE);
        } catch (RuntimeException e) {
            throw new SettingsException(AvailableSettings.IMPLICIT_NAMING_STRATEGY + "=" + setting + " cannot be loaded: "
                    + oneLine(e) + ". Put the class on sark-migrate's class path, or leave the setting out.", e);
        }
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, HibernateMappingReader.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += ": " + root.getMessage();
        }
        return message.lines().findFirst().orElse(message);
    }
}
