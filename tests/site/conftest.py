"""The ``browser`` fixture of the site checks (tests/site/sitecheck.py)."""

from sitecheck import browser  # noqa: F401  (a fixture)


def pytest_configure(config):
    config.addinivalue_line("markers", "site: checks build/site*/ and build/slides/ "
                                       "(make test-site builds them first)")
