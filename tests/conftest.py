import io
import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Playwright's sync API runs an event loop; Django must allow its ORM calls from live_server.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    from django.conf import settings

    # The demo facilitator's password is hashed in every test that loads the demo: use a
    # fast hasher in tests only (PBKDF2 costs ~1 s a hash on these machines).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A cache of the test process, emptied before each test (see below): counts such as
    # wrong join codes must not leak from one test into the next.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"Browser tests need Chromium at {CHROMIUM}; it is missing.")
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright cannot download its own browsers here: drive Debian's Chromium.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def demo(db):
    """The demo content, loaded the way `make run` loads it."""
    from django.core.management import call_command

    call_command("loaddemo", verbosity=0, stdout=io.StringIO())
    from deliberation.workshops.management.commands.loaddemo import TEMPLATE_TITLE
    from deliberation.workshops.models import Workshop

    return Workshop.objects.get(title=TEMPLATE_TITLE, is_template=True)


@pytest.fixture
def facilitator(demo):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="facilitator")


@pytest.fixture
def workshop(demo, facilitator):
    from deliberation.workshops.services import workshop_create_from_template

    return workshop_create_from_template(
        template=demo, title="Model security council", user=facilitator
    )


@pytest.fixture
def seat(workshop):
    """seat("Ana", "NATO") joins the workshop as a delegate of that delegation."""
    from deliberation.workshops.services import participant_join

    def join(name: str, delegation: str | None = None, *, into=None):
        target = into or workshop
        chosen = target.delegations.get(name=delegation) if delegation else None
        return participant_join(workshop=target, display_name=name, delegation=chosen)

    return join


@pytest.fixture
def as_participant(client):
    """Log this test client in as a participant (the session a join leaves behind)."""
    from deliberation.workshops.access import SESSION_KEY

    def login(participant):
        session = client.session
        joined = dict(session.get(SESSION_KEY, {}))
        joined[participant.workshop.code] = participant.pk
        session[SESSION_KEY] = joined
        session.save()
        return client

    return login
