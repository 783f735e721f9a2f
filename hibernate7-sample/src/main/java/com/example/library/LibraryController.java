package com.example.library;

/**
 * Not an entity: stands for the controllers and repositories an application keeps beside its entities, which are never
 * loaded when the entities are found by their class files (its dependency is not on the class path).
 */
public class LibraryController {

    public String shelfOf(Book book) {
        return String.valueOf(book);
    }
}
