"""A software passkey for view tests: answers allauth's WebAuthn options as a browser and an authenticator
would (a P-256 key, "none" attestation), so adding one and signing in with it run through allauth's real
checks (challenge, origin, relying party, signature) without a browser. The browser journey uses Chromium's
virtual authenticator instead."""

import hashlib
import json
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_decode, websafe_encode
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)

# The Django test client's host: allauth's relying party id, reached over https as a browser would.
RP_ID = "testserver"
ORIGIN = f"https://{RP_ID}"
FLAG = AuthenticatorData.FLAG


class Passkey:
    def __init__(self, *, user_verified: bool = True):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.user_handle = b""
        self.counter = 0
        self.user_verified = user_verified

    def _flags(self):
        return FLAG.UP | (FLAG.UV if self.user_verified else 0)

    def create(self, creation_options: dict, *, resident: bool = False) -> str:
        """The credential the add form posts (JSON), for the options the page gave its script."""
        options = creation_options["publicKey"]
        self.user_handle = websafe_decode(options["user"]["id"])
        client_data = CollectedClientData.create(
            "webauthn.create", websafe_decode(options["challenge"]), ORIGIN
        )
        credential = AttestedCredentialData.create(
            b"\0" * 16, self.credential_id, ES256.from_cryptography_key(self.key.public_key())
        )
        auth_data = AuthenticatorData.create(
            hashlib.sha256(RP_ID.encode()).digest(), self._flags() | FLAG.AT, self.counter, credential
        )
        attestation = AttestationObject.create("none", auth_data, {})
        return json.dumps(
            {
                "id": websafe_encode(self.credential_id),
                "rawId": websafe_encode(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": websafe_encode(bytes(client_data)),
                    "attestationObject": websafe_encode(bytes(attestation)),
                },
                "clientExtensionResults": {"credProps": {"rk": resident}},
            }
        )

    def get(self, request_options: dict) -> str:
        """The assertion a sign-in (or reauthentication) form posts (JSON)."""
        options = request_options["publicKey"]
        self.counter += 1
        client_data = CollectedClientData.create("webauthn.get", websafe_decode(options["challenge"]), ORIGIN)
        auth_data = AuthenticatorData.create(
            hashlib.sha256(RP_ID.encode()).digest(), self._flags(), self.counter
        )
        signature = self.key.sign(bytes(auth_data) + client_data.hash, ec.ECDSA(hashes.SHA256()))
        return json.dumps(
            {
                "id": websafe_encode(self.credential_id),
                "rawId": websafe_encode(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": websafe_encode(bytes(client_data)),
                    "authenticatorData": websafe_encode(bytes(auth_data)),
                    "signature": websafe_encode(signature),
                    "userHandle": websafe_encode(self.user_handle),
                },
                "clientExtensionResults": {},
            }
        )
