"""Production settings plus a bare "hello" view, for the portal benchmark only.

Everything else comes from the environment as in production (see
bench/portal.py), so that the hello view and the portal pass through the
same middleware, database and workers.
"""

from lotse.settings import *  # noqa: F403

ROOT_URLCONF = "bench.hello_urls"
