package io.sark.migrate.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;


/**
 * {@link FreshDatabase} on the real TimescaleDB ({@link RealTimescale}): each test gets a database of its own with the
 * extension created, dropped after it. Where the real TimescaleDB cannot run, the test is skipped (or fails, where
 * {@code SARK_REQUIRE_TIMESCALEDB=1}).
 */
public final class TimescaleDatabase implements ParameterResolver, ExecutionCondition {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TimescaleDatabase.class);

    /** Skipped, with the line saying why and how to enable it, where the real TimescaleDB cannot run and is not required. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String skipped = RealTimescale.skipped();
        return skipped == null ? ConditionEvaluationResult.enabled("a real TimescaleDB is at hand, or required")
                : ConditionEvaluationResult.disabled(skipped);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RealTimescale.assumeAvailable();
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent("database", key -> new FreshDatabase.Dropped(RealTimescale.freshDatabase()), FreshDatabase.Dropped.class)
                .database();
    }
}
