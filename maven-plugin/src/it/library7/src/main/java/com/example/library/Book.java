package com.example.library;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.EmbeddedColumnNaming;

import java.time.LocalDate;

/**
 * A book, mapped with what only Hibernate 7 and JPA 3.2 read: comments on the table and a column ({@code comment}),
 * and two places of one embeddable type told apart by {@link EmbeddedColumnNaming} (Hibernate 6.6 would give both the
 * same columns and refuse the mapping).
 */
@Entity
@Table(comment = "Books on the shelves")
public class Book {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, comment = "As printed on the cover")
    private String title;

    private String isbnCode;

    private LocalDate publishedOn;

    @Enumerated(EnumType.STRING)
    private Format format;

    @Embedded
    @EmbeddedColumnNaming("shelf_%s")
    private Place shelf;

    @Embedded
    @EmbeddedColumnNaming("store_%s")
    private Place store;

    @ManyToOne
    private Author author;

    public enum Format { HARDCOVER, PAPERBACK, EBOOK }
}
