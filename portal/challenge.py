"""ALTCHA proof of work: the browser spends a second, a spammer a second per post.

Challenges are signed with keys derived from SECRET_KEY, expire after ten
minutes and are accepted once: the signature of a used one is kept as a
Throttle row for a day.
"""

import datetime
import secrets

import altcha
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import Throttle

ALGORITHM = "PBKDF2/SHA-256"
LIFETIME = datetime.timedelta(minutes=10)


def _secret(purpose: str) -> str:
    return salted_hmac(f"lotse.portal.altcha.{purpose}", "key").hexdigest()


def new_challenge() -> dict:
    low, high = settings.PORTAL_CHALLENGE_COUNTER
    challenge = altcha.create_challenge(
        algorithm=ALGORITHM,
        cost=settings.PORTAL_CHALLENGE_COST,
        counter=low + secrets.randbelow(high - low + 1),
        expires_at=timezone.now() + LIFETIME,
        hmac_secret=_secret("challenge"),
        hmac_key_secret=_secret("key"),
    )
    return challenge.to_dict()


def verify(payload: str) -> bool:
    """True once for a correctly solved, unexpired challenge of ours."""
    if not payload or len(payload) > 4000:
        return False
    try:
        parsed = altcha.Payload.from_base64(payload)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return False
    result = altcha.verify_solution(
        parsed, _secret("challenge"), hmac_key_secret=_secret("key")
    )
    signature = parsed.challenge.signature or ""
    if not result.verified:
        return False
    if Throttle.objects.filter(scope="challenge", key=signature).exists():
        return False
    Throttle.objects.create(scope="challenge", key=signature)
    return True


def solve(challenge: dict) -> str:
    """The payload a browser would send (for tests and the benchmark)."""
    parsed = altcha.Challenge.from_dict(challenge)
    solution = altcha.solve_challenge(parsed)
    assert solution is not None
    return altcha.Payload(parsed, solution).to_base64()
