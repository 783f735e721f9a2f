/**
 * The entities as Hibernate maps them with the application's settings: its own DDL, built in a scratch schema
 * and read back (the oracle of the desired schema), what the entities declare beyond it, and the stand-ins for Spring
 * Boot's and Hibernate 7's naming.
 */
package io.sark.migrate.hibernate;
