/**
 * Whole folders copied and deleted (scratch changelogs, data directories), and private folders checked.
 */
package io.sark.migrate.files;
