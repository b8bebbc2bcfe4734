"""RS256 signing keys: each has a `kid`; the newest signs, every kept key still verifies, so
rotating keys logs nobody out."""

from __future__ import annotations

import fcntl
import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

__all__ = ["KeyRing", "SigningKey"]

_BITS = 2048


@dataclass
class SigningKey:
    kid: str
    private: rsa.RSAPrivateKey

    @cached_property
    def public(self) -> rsa.RSAPublicKey:
        return self.private.public_key()

    @property
    def public_jwk(self) -> dict[str, str]:
        jwk = RSAAlgorithm.to_jwk(self.private.public_key(), as_dict=True)
        return {
            "kty": "RSA",
            "n": jwk["n"],
            "e": jwk["e"],
            "kid": self.kid,
            "use": "sig",
            "alg": "RS256",
        }


def _kid(private: rsa.RSAPrivateKey) -> str:
    """The key's id: a digest of its public key, so the same key always has the same id."""
    der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()[:16]


class KeyRing:
    """Keys kept as PEM files in one folder (mode 0600); file order by name is key age.

    Several server processes share the folder: the first to start creates the key under a
    file lock, and each process rereads the folder when its modification time changes, so
    a key added by `tdev admin rotate-keys` (or another process) signs and verifies
    everywhere at once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._keys: list[SigningKey] = []
        self._seen = -1
        self.load()

    def load(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / ".lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self._seen = self.folder.stat().st_mtime_ns
            self._keys = self._read()
            if not self._keys:
                self.rotate()

    def _refresh(self) -> None:
        """Reread the folder if a key was added since it was read (one stat call)."""
        if self.folder.stat().st_mtime_ns != self._seen:
            self.load()

    def _read(self) -> list[SigningKey]:
        keys = []
        for path in sorted(self.folder.glob("*.pem")):
            private = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if isinstance(private, rsa.RSAPrivateKey):
                keys.append(SigningKey(_kid(private), private))
        return keys

    def rotate(self) -> SigningKey:
        """Add a new signing key; older keys keep verifying the tokens they signed."""
        private = rsa.generate_private_key(public_exponent=65537, key_size=_BITS)
        key = SigningKey(_kid(private), private)
        path = self.folder / f"{len(self._keys):04d}-{key.kid}.pem"
        pem = private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        # Written aside and renamed, so another process never reads half a key.
        partial = path.with_suffix(".tmp")
        partial.touch(mode=0o600)
        partial.write_bytes(pem)
        partial.replace(path)
        self._keys.append(key)
        return key

    @property
    def active(self) -> SigningKey:
        self._refresh()
        return self._keys[-1]

    def find(self, kid: str) -> SigningKey | None:
        self._refresh()
        return next((k for k in self._keys if k.kid == kid), None)

    def jwks(self) -> dict[str, list[dict[str, str]]]:
        self._refresh()
        return {"keys": [k.public_jwk for k in self._keys]}
