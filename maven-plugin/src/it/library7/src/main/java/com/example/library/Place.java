package com.example.library;

import jakarta.persistence.Embeddable;

/** Where a copy stands. */
@Embeddable
public class Place {

    private String room;

    private Integer bay;
}
