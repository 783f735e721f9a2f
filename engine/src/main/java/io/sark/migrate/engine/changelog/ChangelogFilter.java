package io.sark.migrate.engine.changelog;

import liquibase.ContextExpression;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Labels;

/**
 * Which changesets a command takes, as stock Liquibase chooses them: {@code contexts} (an expression such as
 * {@code prod} or {@code "!faker"}) keeps the changesets whose context matches, and those that name none;
 * {@code labels} (a label expression) likewise. With neither, every changeset is taken.
 */
public record ChangelogFilter(String contexts, String labels) {

    public ChangelogFilter {
        contexts = contexts == null || contexts.isBlank() ? null : contexts.strip();
        labels = labels == null || labels.isBlank() ? null : labels.strip();
    }

    public static ChangelogFilter none() {
        return new ChangelogFilter(null, null);
    }

    public boolean isNone() {
        return contexts == null && labels == null;
    }

    /**
     * Whether a changeset bound to {@code changeSetContexts} with {@code changeSetLabels} (as written, null for none) is
     * taken, by Liquibase's own matching.
     */
    public boolean takes(String changeSetContexts, String changeSetLabels) {
        boolean context = contexts == null || changeSetContexts == null
                || new ContextExpression(changeSetContexts).matches(new Contexts(contexts));
        boolean label = labels == null || changeSetLabels == null
                || new LabelExpression(labels).matches(new Labels(changeSetLabels));
        return context && label;
    }
}
