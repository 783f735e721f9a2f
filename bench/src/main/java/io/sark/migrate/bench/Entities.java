package io.sark.migrate.bench;

import java.util.ArrayList;
import java.util.List;

/** Entity lists given by name: a class with a static field {@code ALL}, as sark-migrate's --entities takes. */
final class Entities {

    private Entities() {
    }

    static List<Class<?>> listedIn(String className) throws ReflectiveOperationException {
        Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        List<Class<?>> classes = new ArrayList<>();
        for (Object o : (List<?>) type.getField("ALL").get(null)) {
            classes.add((Class<?>) o);
        }
        return classes;
    }
}
