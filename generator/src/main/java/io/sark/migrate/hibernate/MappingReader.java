package io.sark.migrate.hibernate;

import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * The one step that runs inside Hibernate: entities and settings in, {@link EntityModel} (Hibernate's DDL and what the
 * mappings declare besides) out. Its implementation is loaded by the class loader the entities come from, so that an
 * application that carries its own Hibernate (6.6 or 7.x) has its entities read by that Hibernate, in a class loader
 * of its own ({@link ApplicationHibernate}); only this interface and the values it returns are shared with the rest of
 * sark-migrate.
 */
public interface MappingReader {

    /** The implementation, in package {@code mapping}: named, not imported, so that each class loader loads its own. */
    String IMPLEMENTATION = "io.sark.migrate.hibernate.mapping.HibernateMappingReader";

    /** Reads the entities as this Hibernate maps them with the application's settings. */
    EntityModel read(List<Class<?>> entities, HibernateSettings settings);

    /** Refuses, before any entity is read, settings {@link #read} would refuse. */
    void checkSettings(HibernateSettings settings);

    /** The version of the Hibernate that reads the entities, e.g. {@code 7.4.16.Final}. */
    String hibernateVersion();

    /** The reader for {@code entities}: their application's Hibernate where they come from one, else sark-migrate's own. */
    static MappingReader of(List<Class<?>> entities) {
        ClassLoader loader = entities.stream().map(Class::getClassLoader).filter(ApplicationHibernate::isOne).findFirst()
                .orElse(MappingReader.class.getClassLoader());
        return of(loader);
    }

    /** The reader loaded by {@code loader} (sark-migrate's own, or an {@link ApplicationHibernate} loader). */
    static MappingReader of(ClassLoader loader) {
        MappingReader reader;
        try {
            reader = (MappingReader) Class.forName(IMPLEMENTATION, true, loader).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("The entities' Hibernate cannot be started: " + e.getCause(), e.getCause());
        } catch (LinkageError e) {
            // the application's Hibernate lacking a class it needs, found as the reader links to it: its user's to mend
            if (ApplicationHibernate.isOne(loader)) {
                throw ApplicationHibernate.incomplete(e);
            }
            throw new IllegalStateException("The entities' Hibernate cannot be started: " + e, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The entities' Hibernate cannot be started: " + e, e);
        }
        return loader == MappingReader.class.getClassLoader() ? reader : ApplicationHibernate.inItsLoader(reader, loader);
    }
}
