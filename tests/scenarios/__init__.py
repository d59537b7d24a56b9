"""Scenario tests: the built migrate extension loaded into real databases.

Run through ctest (`ctest -L scenarios`), or one module by hand from tests/:

    MIGRATE_SQLITE_EXTENSION=$PWD/../build/migrate.so /usr/bin/python3 -B -m unittest -v scenarios.upgrade

MIGRATE_TEST_ENGINE picks the engine (engines.py); the modules other than
sqlite_shell are engine-neutral and skip what does not apply to an engine.
"""
