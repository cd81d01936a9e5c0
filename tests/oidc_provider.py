"""A real OpenID Connect provider for the single sign-on tests: panva's `oidc-provider` (npm) under the
machine's Node, on loopback, configured by tests/oidc/provider.mjs. Installed into tests/oidc/node_modules
from the lock file when missing; started and stopped here."""

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from .conftest import need

HERE = Path(__file__).resolve().parent / "oidc"
CLIENT_ID = "commissioning"
PROVIDER_ID = "council"
PROVIDER_LABEL = "Council sign-in"


class Provider:
    def __init__(self, url: str, secret: str, accounts: Path):
        self.url, self.secret, self.accounts = url, secret, accounts

    def people(self, people: dict):
        """Who the provider knows, by subject id: {"sub": {"name": ..., "groups": [...]}}. Read at each sign-in."""
        self.accounts.write_text(json.dumps(people))

    def settings(self) -> dict:
        """django-allauth's SOCIALACCOUNT_PROVIDERS for this provider, as commissioning.sso builds them."""
        return {
            "openid_connect": {
                "OAUTH_PKCE_ENABLED": True,
                "APPS": [
                    {
                        "provider_id": PROVIDER_ID,
                        "name": PROVIDER_LABEL,
                        "client_id": CLIENT_ID,
                        "secret": self.secret,
                        "settings": {
                            "server_url": self.url,
                            "scope": ["openid", "profile", "email", "groups"],
                        },
                    }
                ],
            }
        }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _install():
    if (HERE / "node_modules" / "oidc-provider").exists():
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True, capture_output=True)


@contextmanager
def running_provider(redirect_uri: str, folder: Path):
    need(shutil.which("node") is not None and shutil.which("npm") is not None, "Node and npm (oidc-provider)")
    _install()
    port, secret = _free_port(), secrets.token_urlsafe(24)
    accounts = folder / "people.json"
    accounts.write_text("{}")
    url = f"http://127.0.0.1:{port}"
    env = {
        "PATH": os.environ["PATH"],
        "PORT": str(port),
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": secret,
        "REDIRECT_URIS": redirect_uri,
        "ACCOUNTS_FILE": str(accounts),
    }
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(
        ["node", "provider.mjs"], cwd=HERE, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 20
        while True:  # until its discovery document answers
            try:
                with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=1):  # noqa: S310
                    break
            except OSError as error:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"oidc-provider did not start: {(folder / 'provider.log').read_text()}"
                    ) from error
                time.sleep(0.1)
        yield Provider(url, secret, accounts)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
