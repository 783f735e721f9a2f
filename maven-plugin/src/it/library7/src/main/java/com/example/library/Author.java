package com.example.library;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

import java.util.UUID;

/** Who wrote a book. */
@Entity
public class Author {

    @Id
    @GeneratedValue
    private UUID id;

    private String fullName;
}
