"""SARK's four revisions as the statements pg_dump shows each one added: the reference schemas this repository holds
(migrations/src/test/resources/reference-schema/NNN_*.sql, taken after each of SARK's Alembic revisions) are diffed
revision by revision. The bench's Alembic revisions run them; 'python3 reference.py up|down' prints them all for psql,
the floor. Standard library only."""
import os
import re
import sys

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "migrations", "src", "test", "resources",
                       "reference-schema")
REVISIONS = ["001_initial", "002_api_keys", "003_policies", "004_audit_events"]


def _statements(revision):
    with open(os.path.join(SCHEMAS, revision + ".sql"), encoding="utf-8") as f:
        text = re.sub(r"--[^\n]*\n", "\n", f.read())
    return [s.strip() for s in text.split(";\n")
            if s.strip() and not s.strip().startswith("SET ") and not s.strip().startswith("SELECT pg_catalog")]


def added(revision):
    """The statements the dump after `revision` has and the one before it does not, in the dump's order."""
    index = REVISIONS.index(revision)
    before = set(_statements(REVISIONS[index - 1])) if index > 0 else set()
    return [s for s in _statements(revision) if s not in before]


def dropped(revision):
    """What undoes `revision`: its tables in one statement (they may refer to each other), then its types."""
    new = added(revision)
    tables = [re.match(r"CREATE TABLE (\S+)", s).group(1) for s in new if s.startswith("CREATE TABLE")]
    types = [re.match(r"CREATE TYPE (\S+)", s).group(1) for s in new if s.startswith("CREATE TYPE")]
    return (["DROP TABLE " + ", ".join(tables)] if tables else []) + (["DROP TYPE " + ", ".join(types)] if types else [])


if __name__ == "__main__":
    if sys.argv[1:] == ["up"]:
        print("\n".join(s + ";" for r in REVISIONS for s in added(r)))
    elif sys.argv[1:] == ["down"]:
        print("\n".join(s + ";" for r in reversed(REVISIONS) for s in dropped(r)))
    else:
        sys.exit("usage: reference.py up|down")
