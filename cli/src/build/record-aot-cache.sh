#!/usr/bin/env bash
# Records two ahead-of-time caches (JDK 25's JEPs 483, 514, 515: classes loaded and linked, method profiles), when a
# JDK 25 or later is found (SARK_MIGRATE_AOT_JDK, else JAVA_HOME, else the newest under /usr/lib/jvm):
#   target/sark-migrate.aot          from a run of 'validate' (Liquibase up and down): for every command but these two
#   target/sark-migrate-compare.aot  from a run of 'check' (Hibernate, the shadow): for check and revision
# Two, because a cache's classes are all loaded at start-up: the 6,000 of 'check' made 'current' slower (0.50 s
# against 0.40 s). ./sark-migrate uses them when the JDK it runs on is the one that made them; on JDK 17 it uses the
# class-data sharing archive instead. No JDK 25, or a failed training run, means no cache, never a failed build.
# Usage: record-aot-cache.sh TARGET_DIR CHANGELOG_ROOT
set -u
target="$1"
changelog="$2"
log="$target/aot-training.log"
rm -f "$target/sark-migrate.aot" "$target/sark-migrate-compare.aot" "$target/sark-migrate.aot.java"

major() { # the feature version of the JDK in $1, from its release file; 0 when unknown
    local version
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
    echo "${version:-0}"
}

jdk=""
for candidate in "${SARK_MIGRATE_AOT_JDK:-}" "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -r); do
    candidate="${candidate%/}"
    if [[ -n "$candidate" && -x "$candidate/bin/java" && $(major "$candidate") -ge 25 ]]; then
        jdk="$candidate"
        break
    fi
done
if [[ -z "$jdk" ]]; then
    echo "No JDK 25 or later found: no AOT cache (./sark-migrate uses class-data sharing on JDK 17)." > "$log"
    exit 0
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
train() { # CACHE COMMAND...: one training run, in an empty folder, with the flags ./sark-migrate runs with
    local cache="$1"
    shift
    if ! (cd "$scratch" && SARK_MIGRATE_SHADOW_CACHE=off "$jdk/bin/java" -XX:AOTCacheOutput="$cache" -XX:TieredStopAtLevel=1 \
            -Xlog:disable -Xlog:all=error:stderr -jar "$target/sark-migrate.jar" "$@") >> "$log" 2>&1; then
        rm -f "$cache"
    fi
}
: > "$log"
train "$target/sark-migrate.aot" validate --changelog-root "$changelog"
train "$target/sark-migrate-compare.aot" check --changelog-root "$changelog"
if [[ -f "$target/sark-migrate.aot" || -f "$target/sark-migrate-compare.aot" ]]; then
    echo "$jdk/bin/java" > "$target/sark-migrate.aot.java"
fi
exit 0
