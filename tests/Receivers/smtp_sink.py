"""An SMTP sink for the e-mail notification tests, started by smtp.sh (run it with Debian's /usr/bin/python3,
which has python3-aiosmtpd; a pyenv python3 on PATH usually has not).

Two listeners on 127.0.0.1:
  --port       accepts any sender without authentication, like an internal relay;
  --auth-port  refuses MAIL FROM until AUTH PLAIN or LOGIN succeeds with the one test user, so that the tests can
               tell right credentials from wrong ones. TLS is not required for AUTH there: the listener is loopback
               only and the credentials are the tests' own.
Recipients at the domain refused.invalid are refused with 550, so that a test can see a recipient refused.

Each message is stored as it was received (the raw DATA bytes) in <maildir>/<id>.eml, and its envelope (MAIL FROM,
RCPT TO, the authenticated user, the port) in <maildir>/<id>.json. Both are written to a temporary name and renamed,
the envelope first: a test that sees <id>.eml never reads half a message and always finds its envelope.
The password is taken from the environment (SMTP_SINK_PASSWORD), not the command line, and is never written down.
"""
import argparse
import hmac
import json
import os
import signal
import sys
import threading
import time
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

REFUSED_DOMAIN = "@refused.invalid"


def write_atomically(path, data):
    temp = os.path.join(os.path.dirname(path), ".tmp-" + os.path.basename(path))
    with open(temp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, path)


class MaildirHandler:
    def __init__(self, maildir, port):
        self.maildir = maildir
        self.port = port

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith(REFUSED_DOMAIN):
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        # original_content is the DATA as the client sent it (dot-unstuffed), before any decoding.
        raw = envelope.original_content if envelope.original_content is not None else envelope.content
        name = "%d-%s" % (time.time_ns(), uuid.uuid4().hex[:12])
        login = getattr(session.auth_data, "login", None) if session.authenticated else None
        side = {
            "port": self.port,
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "authenticated_user": login.decode("utf-8", "replace") if isinstance(login, bytes) else login,
        }
        write_atomically(os.path.join(self.maildir, name + ".json"), json.dumps(side).encode("utf-8"))
        write_atomically(os.path.join(self.maildir, name + ".eml"), raw)
        return "250 2.0.0 Stored as " + name


class TestUserAuthenticator:
    def __init__(self, user, password):
        self.user = user.encode("utf-8")
        self.password = password.encode("utf-8")

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and hmac.compare_digest(auth_data.login, self.user)
            and hmac.compare_digest(auth_data.password, self.password)
        )
        # Only the login goes into the session (and the envelope file), never the password.
        return AuthResult(success=ok, handled=False, auth_data=LoginPassword(auth_data.login, b"") if ok else None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--auth-port", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--pidfile", required=True)
    args = parser.parse_args()
    password = os.environ.get("SMTP_SINK_PASSWORD")
    if not password:
        sys.exit("SMTP_SINK_PASSWORD is not set")
    os.makedirs(args.maildir, exist_ok=True)

    plain = Controller(MaildirHandler(args.maildir, args.port), hostname="127.0.0.1", port=args.port)
    auth = Controller(
        MaildirHandler(args.maildir, args.auth_port),
        hostname="127.0.0.1",
        port=args.auth_port,
        authenticator=TestUserAuthenticator(args.user, password),
        auth_required=True,
        auth_require_tls=False,
    )
    plain.start()
    try:
        auth.start()
    except Exception:
        plain.stop()
        raise

    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    # Outlives the terminal it was started from, like the other test servers; smtp.sh stop ends it by its pid.
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    # The pidfile appears only once both listeners answer, so smtp.sh can wait for it.
    write_atomically(args.pidfile, ("%d\n" % os.getpid()).encode("ascii"))
    print("SMTP sink on 127.0.0.1:%d and 127.0.0.1:%d (AUTH), messages in %s" % (args.port, args.auth_port, args.maildir), flush=True)
    while not stopping.wait(1.0):
        pass
    auth.stop()
    plain.stop()


if __name__ == "__main__":
    main()
