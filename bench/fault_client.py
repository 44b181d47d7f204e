"""The people of benchmark "load": client threads sending the portal form.

One client is one computer at which people send one form after the other,
as a browser does it: fetch the form (keeping the CSRF cookie), solve the
proof of work, send, read the answer. Every request opens its own
connection, because gunicorn's sync workers close each one after the answer
anyway, and because a connection must not outlive a killed server.

When the server is gone (refused, reset, no answer) the client waits a
moment and sends the same form again, as a person presses "send" again.
When the form comes back (its proof of work was used up by the attempt that
got lost, or the database was busy) it solves a new challenge and sends the
same form again. Same form means same ``form_token``, which the portal
stores once, so resending is safe; whether it really is, the benchmark
counts afterwards in the database.
"""

import html
import http.client
import io
import json
import random
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from portal import challenge

from .load import Reply
from .portal import CSRF, TOKEN

HOST = "127.0.0.1"
OFFICE = "goerlitz"
TIMEOUT_S = 30
# A person presses "send" again quickly; short, so that the restart window
# is measured to a tenth of a second.
RETRY_S = 0.1
# Sends of one form (each after a new challenge) before the client gives up.
MAX_SENDS = 20

RECEIPT = re.compile(r"<code>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</code>")

# What people write, in the portal's languages (Leichte Sprache is German).
TEXTS = {
    "de": "Die Heizung im Wohnheim ist seit zwei Wochen kaputt. Bitte helfen Sie uns.",
    "ls": "Die Heizung ist kaputt. In meinem Zimmer ist es kalt. Bitte helfen Sie mir.",
    "en": "The heating in our accommodation has been broken for two weeks. Help us.",
    "ar": "التدفئة في السكن معطلة منذ أسبوعين. أرجو المساعدة.",
    "fa": "بخاری در محل اقامت ما دو هفته است که خراب است. لطفا کمک کنید.",
    "uk": "Опалення в гуртожитку не працює вже два тижні. Допоможіть, будь ласка.",
    "ru": "Отопление в общежитии не работает уже две недели. Помогите, пожалуйста.",
    "tr": "Konaklama yerindeki ısıtma iki haftadır bozuk. Lütfen yardım edin.",
}
LANGUAGES = list(TEXTS)
KINDS = ["complaint", "request", "question", "discrimination"]
CONTACT_SHARE = 1 / 3
ATTACHMENT_EVERY = 25  # forms; a small PNG, so that the file path is exercised
MARKER = re.compile(r"\[(LT-[0-9a-f]+-\d+-\d+)\]")


@dataclass
class Request:
    what: str  # "form", "challenge" or "post"
    started: float  # time.perf_counter()
    ended: float
    status: int  # 0: no answer
    error: str = ""  # the exception when there was no answer

    @property
    def failed(self) -> bool:
        """No answer or a server error: what the restart window may explain."""
        return self.status == 0 or self.status >= 500


@dataclass
class Form:
    """One message a person means to send, with every attempt to send it."""

    marker: str
    language: str
    contact: bool
    attachment: bool
    token: str = ""  # the signed form_token of the form page
    code: str = ""  # the tracking code of the receipt
    # acknowledged, already_received, abandoned (reason after a colon)
    outcome: str = "abandoned: never sent"
    posts: list[Request] = field(default_factory=list)

    @property
    def acknowledged(self) -> bool:
        return bool(self.code)

    @property
    def receipt_ms(self) -> float:
        """The post that brought the receipt, as the person waited for it."""
        last = self.posts[-1]
        return (last.ended - last.started) * 1000

    @property
    def sent_to_receipt_s(self) -> float:
        return self.posts[-1].ended - self.posts[0].started


@dataclass
class Client:
    port: int
    run: str
    index: int
    rng: random.Random
    cookies: dict[str, str] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)

    def send(
        self,
        what: str,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply | None:
        """One request on a connection of its own; None when no answer came."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(HOST, self.port, timeout=TIMEOUT_S)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            reply = Reply(response.status, response.read())
        except (OSError, http.client.HTTPException) as error:
            self.requests.append(
                Request(what, started, time.perf_counter(), 0, type(error).__name__)
            )
            return None
        finally:
            connection.close()
        request = Request(what, started, time.perf_counter(), reply.status)
        self.requests.append(request)
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return reply

    def fetch(self, what: str, path: str, give_up_at: float) -> Reply | None:
        """GET until an answer that is not a server error, as a person reloads."""
        while True:
            reply = self.send(what, "GET", path)
            if reply is not None and reply.status < 500:
                return reply
            if time.perf_counter() >= give_up_at:
                return None
            time.sleep(RETRY_S)

    def new_form(self) -> Form:
        number = len(self.forms)
        form = Form(
            marker=f"LT-{self.run}-{self.index}-{number}",
            language=self.rng.choice(LANGUAGES),
            contact=self.rng.random() < CONTACT_SHARE,
            attachment=number % ATTACHMENT_EVERY == ATTACHMENT_EVERY - 1,
        )
        self.forms.append(form)
        return form


def run_clients(
    port: int, run: str, clients: int, deadline: float, give_up_at: float
) -> list[Client]:
    """Clients send forms until the deadline; forms begun may retry until give_up_at."""
    people = [
        Client(port, run, index, random.Random(f"{run}-{index}"))
        for index in range(clients)
    ]

    def work(client: Client) -> None:
        while time.perf_counter() < deadline:
            send_form(client, client.new_form(), give_up_at)

    # Daemons: if the benchmark is stopped, they must not keep it running.
    threads = [
        threading.Thread(target=work, args=(client,), daemon=True) for client in people
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return people


def send_form(client: Client, form: Form, give_up_at: float) -> None:
    path = f"/p/{OFFICE}/{form.language}/send/"
    page = client.fetch("form", path, give_up_at)
    if page is None:
        form.outcome = "abandoned: no form page"
        return
    token, csrf = TOKEN.search(page.text()), CSRF.search(page.text())
    if not (token and csrf):
        form.outcome = f"abandoned: form page without tokens (HTTP {page.status})"
        return
    form.token = token.group(1)
    for _send in range(MAX_SENDS):
        puzzle = client.fetch(
            "challenge", f"/p/{OFFICE}/{form.language}/challenge/", give_up_at
        )
        if puzzle is None or puzzle.status != 200:
            form.outcome = "abandoned: no challenge"
            return
        body, content_type = multipart(
            fields(form, client.rng)
            | {
                "form_token": form.token,
                "csrfmiddlewaretoken": csrf.group(1),
                "altcha": challenge.solve(json.loads(puzzle.body)),
            },
            attachment=form.attachment,
        )
        reply = post_until_answered(client, form, path, body, content_type, give_up_at)
        if reply is None:
            form.outcome = "abandoned: no answer"
            return
        if found := RECEIPT.search(reply.text()):
            form.code, form.outcome = found.group(1), "acknowledged"
            return
        if reply.status == 200 and already_received(reply, form.language):
            form.outcome = "already_received"
            return
        if not (TOKEN.search(reply.text()) or reply.status >= 500):
            form.outcome = f"abandoned: HTTP {reply.status}"
            return
        # The form came back (challenge used up, database busy): send it again.
        time.sleep(RETRY_S)
    form.outcome = f"abandoned: {MAX_SENDS} sends"


def post_until_answered(
    client: Client,
    form: Form,
    path: str,
    body: bytes,
    content_type: str,
    give_up_at: float,
) -> Reply | None:
    origin = f"http://{HOST}:{client.port}"
    headers = {
        "Content-Type": content_type,
        "Origin": origin,
        "Referer": f"{origin}{path}",
        "Accept-Language": form.language,
    }
    while True:
        reply = client.send("post", "POST", path, body, headers)
        form.posts.append(client.requests[-1])
        if reply is not None:
            return reply
        if time.perf_counter() >= give_up_at:
            return None
        time.sleep(RETRY_S)


def already_received(reply: Reply, language: str) -> bool:
    with translation.override(language):
        title = html.escape(gettext("We already received this message"))
    return title in reply.text()


def fields(form: Form, rng: random.Random) -> dict[str, str]:
    text = f"{TEXTS[form.language]}\n[{form.marker}]"
    sent = {
        "kind": rng.choice(KINDS),
        "topic": "",
        "municipality": "",
        "place": rng.choice(["", "Unterkunft Am Wiesengrund", "Bahnhofstraße 3"]),
        "text": text,
        "reply": "anonymous",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "answer_language": "",
        "consent": "on",
        "website": "",
    }
    if form.contact:
        sent |= {
            "reply": "contact",
            "contact_name": "Olena Bench",
            "contact_email": f"{form.marker.lower()}@example.org",
            "contact_phone": rng.choice(["", "0371 123456"]),
            "answer_language": form.language if form.language != "ls" else "de",
        }
    return sent


def multipart(fields: dict[str, str], *, attachment: bool) -> tuple[bytes, str]:
    """A multipart/form-data body as a browser sends the form, maybe with a photo."""
    boundary = f"----bench{secrets.token_hex(12)}"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        f"{value}\r\n".encode()
        for name, value in fields.items()
    ]
    if attachment:
        parts.append(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="attachments"; filename="heizung.png"\r\n'
            "Content-Type: image/png\r\n\r\n".encode()
            + PHOTO
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def photo() -> bytes:
    """A small picture, decoded and written anew by the portal like any photo."""
    picture = Image.new("RGB", (64, 48), (200, 60, 40))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


PHOTO = photo()
