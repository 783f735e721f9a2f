/**
 * One lint rule per class, each with a code, a severity and a page in docs/lint; {@link io.sark.migrate.lint.rules.Rules#ALL} lists them.
 */
package io.sark.migrate.lint.rules;
