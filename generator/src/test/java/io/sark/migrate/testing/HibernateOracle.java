package io.sark.migrate.testing;

import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.CollectionClassification;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.CollectionPart;
import org.hibernate.metamodel.mapping.CompositeIdentifierMapping;
import org.hibernate.metamodel.mapping.EmbeddableMappingType;
import org.hibernate.metamodel.mapping.EntityIdentifierMapping;
import org.hibernate.metamodel.mapping.NonAggregatedIdentifierMapping;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.metamodel.mapping.internal.BasicAttributeMapping;
import org.hibernate.metamodel.mapping.internal.BasicValuedCollectionPart;
import org.hibernate.metamodel.mapping.internal.EmbeddedAttributeMapping;
import org.hibernate.metamodel.mapping.internal.EmbeddedCollectionPart;
import org.hibernate.metamodel.mapping.internal.EntityCollectionPart;
import org.hibernate.metamodel.mapping.internal.SingleAttributeIdentifierMapping;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Hibernate's own verdict on a database: {@code hbm2ddl.auto=validate} accepts it, and one instance of every
 * concrete entity, each attribute filled with a value of its type (associations with a persisted target, element
 * collections with one element), is persisted, flushed, and found again with the same values. A schema that passes
 * here is one the application can use; a missing sequence, identity, table or column fails here with Hibernate's
 * own message.
 */
public final class HibernateOracle {

    private static final String SPRING_IMPLICIT = "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy";

    private HibernateOracle() {
    }

    /** Validates {@code db} against {@code entities}, then persists and reloads one instance of each. */
    public static void check(TestDatabase db, List<Class<?>> entities) {
        check(db, entities, Map.of());
    }

    /** As {@link #check(TestDatabase, List)}, with the application's own Hibernate settings. */
    public static void check(TestDatabase db, List<Class<?>> entities, Map<String, String> settings) {
        check(db, entities, settings, true);
    }

    /**
     * As {@link #check(TestDatabase, List, Map)}; without {@code validate} where Hibernate's validation cannot pass on
     * PostgreSQL at all (a name longer than the 63 bytes PostgreSQL keeps is never found under its full name).
     */
    public static void check(TestDatabase db, List<Class<?>> entities, Map<String, String> settings, boolean validate) {
        check(db.jdbcUrl(), entities, settings, validate);
    }

    /** As {@link #check(TestDatabase, List, Map, boolean)}, by the database's URL (what a Hibernate of another loader takes). */
    public static void check(String jdbcUrl, List<Class<?>> entities, Map<String, String> settings, boolean validate) {
        try (SessionFactory sessions = sessions(jdbcUrl, entities, settings, validate)) {
            SessionFactoryImplementor factory = sessions.unwrap(SessionFactoryImplementor.class);
            for (Class<?> entity : entities) {
                EntityPersister persister = factory.getMappingMetamodel().findEntityDescriptor(entity);
                if (persister == null || persister.isAbstract() || java.lang.reflect.Modifier.isAbstract(entity.getModifiers())) {
                    continue;
                }
                try {
                    roundTrip(factory, persister, true);
                } catch (AssertionError withCollections) {
                    // An element collection's sample value may collide with another mapping of its table (Keycloak maps
                    // role ids both as a collection and as an entity: a foreign key or the same key twice): then, and only
                    // then, the entity must still round-trip without it. Any other failure (a missing table, sequence,
                    // column or identity) stands.
                    if (!sampleCollision(withCollections)) {
                        throw withCollections;
                    }
                    roundTrip(factory, persister, false);
                }
            }
        }
    }

    /**
     * Hibernate's {@code validate} alone: for a database that also holds what the entities do not declare (an existing
     * project's foreign keys between columns the entities map as plain values), where made-up rows cannot be persisted.
     */
    public static void validate(TestDatabase db, List<Class<?>> entities) {
        sessions(db.jdbcUrl(), entities, Map.of(), true).close();
    }

    private static SessionFactory sessions(String jdbcUrl, List<Class<?>> entities, Map<String, String> settings, boolean validate) {
        Map<String, Object> applied = new HashMap<>(settings);
        if (SPRING_IMPLICIT.equals(applied.get(AvailableSettings.IMPLICIT_NAMING_STRATEGY))) {
            applied.put(AvailableSettings.IMPLICIT_NAMING_STRATEGY, io.sark.migrate.hibernate.mapping.SpringBootImplicitNaming.class.getName());
        }
        StandardServiceRegistryBuilder builder = new StandardServiceRegistryBuilder()
                .applySettings(applied)
                .applySetting(AvailableSettings.JAKARTA_JDBC_URL, jdbcUrl)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, validate ? "validate" : "none")
                .applySetting(AvailableSettings.POOL_SIZE, "2")
                .applySetting("hibernate.connection.provider_disables_autocommit", "false");
        StandardServiceRegistry registry = builder.build();
        SessionFactory sessions;
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            sessions = sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw new AssertionError("Hibernate's validate refuses the schema: " + e.getMessage(), e);
        }
        return sessions;
    }

    /**
     * Persists an instance, clears the session, reads it back with a query, and compares: all in one transaction that
     * is rolled back, so the database is left as it was.
     */
    private static void roundTrip(SessionFactoryImplementor factory, EntityPersister persister, boolean collections) {
        try (org.hibernate.Session session = factory.openSession()) {
            session.beginTransaction();
            try {
                Map<String, Object> written = new TreeMap<>();
                Object entity;
                Object id;
                try {
                    Instances instances = new Instances(session.unwrap(SessionImplementor.class), collections);
                    entity = instances.make(persister, written);
                    session.flush();
                    id = persister.getIdentifier(entity, session.unwrap(SharedSessionContractImplementor.class));
                } catch (RuntimeException e) {
                    throw new AssertionError("Hibernate could not persist " + persister.getEntityName() + ": " + messages(e), e);
                }
                session.clear();
                Object found;
                try {
                    found = session.find(persister.getMappedClass(), id);
                } catch (RuntimeException e) {
                    // Hibernate 6.6 cannot load some @IdClass keys holding an association by id (it fails inside its
                    // own loader): read the row back with a query instead, as such applications do.
                    session.clear();
                    found = session.createSelectionQuery("from " + persister.getEntityName(), persister.getMappedClass())
                            .setMaxResults(1).getResultList().stream().findFirst().orElse(null);
                    written.clear();
                }
                if (found == null) {
                    throw new AssertionError(persister.getEntityName() + " " + id + " was persisted and is not found again");
                }
                Object reloaded = found;
                persister.forEachAttributeMapping(attribute -> {
                    if (written.containsKey(attribute.getAttributeName())) {
                        Object read = attribute.getPropertyAccess().getGetter().get(reloaded);
                        Object wrote = written.get(attribute.getAttributeName());
                        if (!same(wrote, read)) {
                            throw new AssertionError(persister.getEntityName() + "." + attribute.getAttributeName() + " was written as "
                                    + wrote + " and read back as " + read);
                        }
                    }
                });
            } finally {
                session.getTransaction().rollback();
            }
        }
    }

    /** A foreign-key (23503) or unique (23505) violation: sample values colliding, not a schema object missing. */
    private static boolean sampleCollision(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ("23503".equals(sql.getSQLState()) || "23505".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(Object wrote, Object read) {
        if (wrote instanceof BigDecimal a && read instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        if (wrote instanceof String || wrote instanceof Number && !(wrote instanceof Float || wrote instanceof Double)
                || wrote instanceof Boolean || wrote instanceof UUID || wrote instanceof Enum<?> || wrote instanceof LocalDate) {
            return Objects.equals(wrote, read);
        }
        return true;
    }

    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null && !text.toString().contains(t.getMessage())) {
                text.append(text.isEmpty() ? "" : " / ").append(t.getMessage());
            }
        }
        return text.toString();
    }

    /** A required association whose target cannot be made before its owner. */
    private static final class Cycle extends RuntimeException {
        Cycle(String attribute) {
            super("cannot make a target for " + attribute + " (a cycle of required associations)");
        }
    }

    /** Makes and persists instances, targets of associations first; an association back into the path is left empty. */
    private static final class Instances {
        private final SessionImplementor session;
        private final Deque<EntityPersister> path = new ArrayDeque<>();
        private final Map<EntityPersister, Object> made = new IdentityHashMap<>();
        private final boolean collections;

        Instances(SessionImplementor session, boolean collections) {
            this.session = session;
            this.collections = collections;
        }

        Object make(EntityPersister persister, Map<String, Object> written) {
            path.push(persister);
            try {
                Object entity = construct(persister.getMappedClass());
                EntityIdentifierMapping id = persister.getIdentifierMapping();
                // org.hibernate.id.Assigned in 6.6, org.hibernate.generator.Assigned in 7
                boolean assigned = persister.getGenerator() == null || persister.getGenerator().getClass().getSimpleName().equals("Assigned")
                        || id instanceof CompositeIdentifierMapping || id instanceof NonAggregatedIdentifierMapping;
                if (assigned) {
                    fillIdentifier(id, entity);
                }
                // Hibernate 7 lists an @Id field of a key without an id class among the attributes too: filled above.
                Set<String> keyFields = new HashSet<>();
                if (id instanceof NonAggregatedIdentifierMapping virtual) {
                    virtual.getVirtualIdEmbeddable().forEachAttributeMapping(a -> keyFields.add(a.getAttributeName()));
                }
                persister.forEachAttributeMapping(attribute -> {
                    if (keyFields.contains(attribute.getAttributeName())) {
                        return;
                    }
                    if (!persister.isVersioned() || persister.getVersionMapping().getVersionAttribute() != attribute) {
                        fill(attribute, entity, written); // a version is Hibernate's to set: a set one reads as detached
                    }
                });
                session.persist(persister.getEntityName(), entity);
                made.put(persister, entity);
                return entity;
            } finally {
                path.pop();
            }
        }

        private void fillIdentifier(EntityIdentifierMapping id, Object entity) {
            if (id instanceof NonAggregatedIdentifierMapping virtual) {
                // @IdClass: the key's attributes are the entity's own fields.
                virtual.getVirtualIdEmbeddable().forEachAttributeMapping(a -> {
                    // a basic key part is a sample of its type (Hibernate 7 marks them neither insertable nor updatable)
                    Object value = a instanceof BasicAttributeMapping basic ? sample(basic.getJavaType().getJavaTypeClass(), basic.getLength())
                            : valueOf(a, new HashMap<>());
                    setField(entity, a.getAttributeName(), value);
                });
            } else if (id instanceof CompositeIdentifierMapping composite && id instanceof SingleAttributeIdentifierMapping single) {
                single.getPropertyAccess().getSetter().set(entity, embeddable(composite.getPartMappingType()));
            } else if (id instanceof SingleAttributeIdentifierMapping single) {
                Object value = sample(single.getJavaType().getJavaTypeClass(), null);
                single.getPropertyAccess().getSetter().set(entity, value);
            }
        }

        private void fill(AttributeMapping attribute, Object owner, Map<String, Object> written) {
            Object value = valueOf(attribute, written);
            if (value != NOTHING && (value != null || !(attribute instanceof PluralAttributeMapping))) {
                attribute.getPropertyAccess().getSetter().set(owner, value);
            }
        }

        /** A value for {@code attribute}, or {@link #NOTHING} when it is not this side's to set. */
        private Object valueOf(AttributeMapping attribute, Map<String, Object> written) {
            Object value = null;
            if (attribute instanceof BasicAttributeMapping basic) {
                if (basic.isInsertable() || basic.isUpdateable()) {
                    value = sample(basic.getJavaType().getJavaTypeClass(), basic.getLength());
                    if (value == null && !basic.isNullable()) {
                        throw new AssertionError("no sample value of " + basic.getJavaType().getJavaTypeClass().getName() + " for "
                                + basic.getAttributeName());
                    }
                    written.put(attribute.getAttributeName(), value);
                }
            } else if (attribute instanceof EmbeddedAttributeMapping embedded) {
                value = embeddable(embedded.getEmbeddableTypeDescriptor());
            } else if (attribute instanceof ToOneAttributeMapping toOne) {
                if (toOne.getSideNature() == org.hibernate.metamodel.mapping.ForeignKeyDescriptor.Nature.TARGET
                        || toOne.getReferencedPropertyName() != null && toOne.isNullable()) {
                    return NOTHING; // the other side holds the key
                }
                EntityPersister target = toOne.getAssociatedEntityMappingType().getEntityPersister();
                try {
                    value = target(target);
                } catch (Cycle e) {
                    value = null; // the target needs this entity first: the optional side stays empty
                }
                if (value == null && !toOne.isNullable()) {
                    throw new Cycle(attribute.getAttributeName());
                }
            } else if (attribute instanceof PluralAttributeMapping plural) {
                value = collections ? collection(plural) : null;
            }
            return value;
        }

        private Object target(EntityPersister target) {
            if (made.containsKey(target)) {
                return made.get(target);
            }
            if (path.contains(target)) {
                return null;
            }
            EntityPersister concrete = concrete(target);
            return concrete == null ? null : make(concrete, new HashMap<>());
        }

        /** A concrete entity of {@code persister}'s hierarchy (itself when it is concrete). */
        private EntityPersister concrete(EntityPersister persister) {
            if (!persister.isAbstract() && !java.lang.reflect.Modifier.isAbstract(persister.getMappedClass().getModifiers())) {
                return persister;
            }
            for (var sub : persister.getSubMappingTypes()) {
                EntityPersister p = sub.getEntityPersister();
                if (!p.isAbstract() && !java.lang.reflect.Modifier.isAbstract(p.getMappedClass().getModifiers())) {
                    return p;
                }
            }
            return null;
        }

        private Object embeddable(EmbeddableMappingType type) {
            Object instance = construct(type.getMappedJavaType().getJavaTypeClass());
            type.forEachAttributeMapping(a -> fill(a, instance, new HashMap<>()));
            return instance;
        }

        /** One element for an element collection or an owned association; nothing for the inverse side. */
        private Object collection(PluralAttributeMapping plural) {
            CollectionClassification kind = plural.getCollectionDescriptor().getCollectionSemantics().getCollectionClassification();
            Object element = element(plural.getElementDescriptor(), plural.getCollectionDescriptor().isInverse());
            if (kind == CollectionClassification.MAP || kind == CollectionClassification.SORTED_MAP || kind == CollectionClassification.ORDERED_MAP) {
                Map<Object, Object> map = kind == CollectionClassification.SORTED_MAP ? new TreeMap<>() : new LinkedHashMap<>();
                Object key = element(plural.getIndexDescriptor(), false);
                if (element != null && key != null) {
                    map.put(key, element);
                }
                return map;
            }
            if (kind == CollectionClassification.ARRAY) {
                Class<?> type = plural.getJavaType().getJavaTypeClass().getComponentType();
                Object array = Array.newInstance(type, element == null ? 0 : 1);
                if (element != null) {
                    Array.set(array, 0, element);
                }
                return array;
            }
            Collection<Object> collection = switch (kind) {
                case SET -> new HashSet<>();
                case ORDERED_SET -> new LinkedHashSet<>();
                case SORTED_SET -> new TreeSet<>();
                default -> new ArrayList<>();
            };
            if (element != null) {
                collection.add(element);
            }
            return collection;
        }

        private Object element(CollectionPart part, boolean inverse) {
            if (part instanceof BasicValuedCollectionPart basic) {
                return sample(basic.getJavaType().getJavaTypeClass(), null);
            }
            if (part instanceof EmbeddedCollectionPart embedded) {
                return embeddable(embedded.getEmbeddableTypeDescriptor());
            }
            if (part instanceof EntityCollectionPart entity && !inverse) {
                return target(entity.getAssociatedEntityMappingType().getEntityPersister());
            }
            return null;
        }
    }

    private static final Object NOTHING = new Object();

    private static void setField(Object target, String name, Object value) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                java.lang.reflect.Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                field.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                // look further up
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no field " + name + " in " + target.getClass().getName());
    }

    private static Object construct(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot construct " + type.getName() + ": " + e, e);
        }
    }

    /** A value of {@code type} that fits a column of {@code length} (null: no limit); null when there is none to give. */
    static Object sample(Class<?> type, Long length) {
        Class<?> t = boxed(type);
        if (t == String.class) {
            return length != null && length < 5 ? "x" : "sark";
        }
        if (t == Character.class) return 'x';
        if (t == Boolean.class) return Boolean.FALSE;
        if (t == Byte.class) return (byte) 1;
        if (t == Short.class) return (short) 1;
        if (t == Integer.class) return 1;
        if (t == Long.class) return 1L;
        if (t == Float.class) return 1.5f;
        if (t == Double.class) return 1.5d;
        if (t == BigDecimal.class) return new BigDecimal("1");
        if (t == BigInteger.class) return BigInteger.ONE;
        if (t == UUID.class) return UUID.randomUUID();
        if (t == LocalDate.class) return LocalDate.of(2026, 11, 29);
        if (t == LocalDateTime.class) return LocalDateTime.of(2026, 11, 29, 12, 30, 15);
        if (t == LocalTime.class) return LocalTime.of(12, 30, 15);
        if (t == Instant.class) return Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (t == OffsetDateTime.class) return OffsetDateTime.of(2026, 11, 29, 12, 30, 15, 0, ZoneOffset.UTC);
        if (t == ZonedDateTime.class) return ZonedDateTime.of(2026, 11, 29, 12, 30, 15, 0, ZoneOffset.UTC);
        if (t == OffsetTime.class) return OffsetTime.of(12, 30, 15, 0, ZoneOffset.UTC);
        if (t == Duration.class) return Duration.ofMinutes(90);
        if (t == Year.class) return Year.of(2026);
        if (t == YearMonth.class) return YearMonth.of(2026, 11);
        if (t == ZoneOffset.class) return ZoneOffset.ofHours(2);
        if (t == java.time.ZoneId.class) return java.time.ZoneId.of("Europe/Paris");
        if (t == java.sql.Timestamp.class) return java.sql.Timestamp.valueOf(LocalDateTime.of(2026, 11, 29, 12, 30, 15));
        if (t == java.sql.Date.class) return java.sql.Date.valueOf(LocalDate.of(2026, 11, 29));
        if (t == java.sql.Time.class) return java.sql.Time.valueOf(LocalTime.of(12, 30, 15));
        if (t == java.util.Date.class) return new java.util.Date();
        if (t == Calendar.class) return Calendar.getInstance();
        if (t == Locale.class) return Locale.FRANCE;
        if (t == java.util.Currency.class) return java.util.Currency.getInstance("EUR");
        if (t == java.util.TimeZone.class) return java.util.TimeZone.getTimeZone("UTC");
        if (t == java.net.URL.class) {
            try {
                return java.net.URI.create("https://example.com").toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (t == java.net.InetAddress.class) return java.net.InetAddress.getLoopbackAddress();
        if (t == Class.class) return String.class;
        if (t == byte[].class) return new byte[] {1, 2, 3};
        if (t == Byte[].class) return new Byte[] {1, 2, 3};
        if (t == char[].class) return new char[] {'x'};
        if (t == Character[].class) return new Character[] {'x'};
        if (t.isEnum()) return t.getEnumConstants()[0];
        if (t.isArray()) {
            Object one = sample(t.getComponentType(), null);
            Object array = Array.newInstance(t.getComponentType(), one == null ? 0 : 1);
            if (one != null) {
                Array.set(array, 0, one);
            }
            return array;
        }
        if (Map.class.isAssignableFrom(t)) return new HashMap<>(Map.of("k", "v"));
        if (List.class.isAssignableFrom(t) || t == Collection.class) return new ArrayList<>(List.of("v"));
        if (java.util.Set.class.isAssignableFrom(t)) return new HashSet<>(List.of("v"));
        if (java.sql.Blob.class.isAssignableFrom(t) || java.sql.Clob.class.isAssignableFrom(t)) return null;
        try {
            return construct(t);
        } catch (AssertionError e) {
            return null;
        }
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) return type;
        if (type == int.class) return Integer.class;
        if (type == long.class) return Long.class;
        if (type == boolean.class) return Boolean.class;
        if (type == short.class) return Short.class;
        if (type == byte.class) return Byte.class;
        if (type == char.class) return Character.class;
        if (type == float.class) return Float.class;
        return Double.class;
    }
}
