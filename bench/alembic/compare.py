"""Alembic's autogenerate compare, as 'alembic revision --autogenerate' and 'alembic check' run it: the models' metadata
against a live database. Prints the number of differences. The metadata is SARK's schema, reflected once from a
database the four revisions built and pickled (python3 compare.py --save URL FILE); loading it stands in for importing
SARK's models. Usage: python3 compare.py METADATA_FILE URL"""
import pickle
import sys

from sqlalchemy import MetaData, create_engine


def main():
    if sys.argv[1] == "--save":
        metadata = MetaData()
        metadata.reflect(bind=create_engine(sys.argv[2]), only=lambda name, _: name != "alembic_version")
        with open(sys.argv[3], "wb") as out:
            pickle.dump(metadata, out)
        print(len(metadata.tables), "tables")
        return
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with open(sys.argv[1], "rb") as f:
        metadata = pickle.load(f)
    with create_engine(sys.argv[2]).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    print(len(differences), "difference(s)")


if __name__ == "__main__":
    main()
