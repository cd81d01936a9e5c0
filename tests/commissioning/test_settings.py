import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def _manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def test_production_settings_pass_the_deploy_check():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="off",
        SECRET_KEY="a-long-random-production-secret-for-this-check-only-0123456789abcdef",
        ALLOWED_HOSTS="commissioning.example.org",
        SECURE_SSL_REDIRECT="on",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="off", SECRET_KEY="")
    assert result.returncode != 0 and "Set SECRET_KEY" in result.stderr


def test_passkeys_in_production_sign_in_alone_only_beside_local_passwords():
    """Passkeys are a second factor everywhere; signing in with one alone follows LOCAL_PASSWORDS (off, everyone
    goes through the council's provider); WebAuthn's insecure-origin switch is never on."""
    show = (
        "import commissioning.settings; "
        "print('webauthn' in commissioning.settings.MFA_SUPPORTED_TYPES, "
        "commissioning.settings.MFA_PASSKEY_LOGIN_ENABLED, "
        "getattr(commissioning.settings, 'MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN', False))"
    )
    production = {
        "DEBUG": "off",
        "SECRET_KEY": "a-long-random-production-secret-for-this-check-only-0123456789",
    }
    for local_passwords, expected in (("on", "True True False"), ("off", "True False False")):
        result = subprocess.run(
            [sys.executable, "-c", show],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, **production, "LOCAL_PASSWORDS": local_passwords},
        )
        assert result.stdout.strip().splitlines()[-1] == expected, result.stdout + result.stderr
