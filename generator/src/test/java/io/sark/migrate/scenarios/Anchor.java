package io.sark.migrate.scenarios;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A table that is there before and after: a scenario that creates something from nothing starts from it. */
@Entity(name = "Anchor")
@Table(name = "anchors")
class Anchor {
    @Id
    UUID id;
}
