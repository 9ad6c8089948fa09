"""A throw-away certificate authority and broker keystore made with the JDK's keytool, for TLS/SASL tests.

Everything is created in a temp dir per test session, valid for two days, and never leaves the machine.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BrokerTls:
    dir: Path
    ca_pem: Path          # what clients trust (ssl_cafile)
    keystore: Path        # the broker's PKCS12 keystore: its key and a certificate signed by the CA
    password: str         # keystore and key password

    def server_properties(self, users: dict[str, str]) -> str:
        """Broker settings for the secured listener: TLS from the keystore, SASL PLAIN (these users) and SCRAM."""
        plain_users = " ".join(f'user_{name}="{pw}"' for name, pw in users.items())
        return "\n".join([
            "ssl.keystore.type=PKCS12",
            f"ssl.keystore.location={self.keystore}",
            f"ssl.keystore.password={self.password}",
            f"ssl.key.password={self.password}",
            "sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512",
            "listener.name.sasl_ssl.plain.sasl.jaas.config="
            f"org.apache.kafka.common.security.plain.PlainLoginModule required {plain_users};",
            "listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config="
            "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
            "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "",
        ])


def _keytool(*args: str) -> bytes:
    keytool = shutil.which("keytool")
    if keytool is None:
        raise RuntimeError("keytool (from the JDK) is not on PATH")
    return subprocess.run([keytool, *args], check=True, capture_output=True, timeout=120).stdout


def make_broker_tls(directory: Path) -> BrokerTls:
    """A CA, and a broker certificate for localhost/127.0.0.1 signed by it, in PKCS12 keystores."""
    directory.mkdir(parents=True, exist_ok=True)
    pw = secrets.token_hex(12)
    ca, broker = directory / "ca.p12", directory / "broker.p12"
    common = ["-storetype", "PKCS12", "-storepass", pw, "-keypass", pw]
    _keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
             "-dname", "CN=wirewatch-test-ca", "-ext", "bc:c", "-keystore", str(ca), *common)
    _keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
             "-dname", "CN=localhost", "-keystore", str(broker), *common)
    request = _keytool("-certreq", "-alias", "broker", "-keystore", str(broker), "-storepass", pw)
    (directory / "broker.csr").write_bytes(request)
    signed = _keytool("-gencert", "-alias", "ca", "-keystore", str(ca), "-storepass", pw, "-rfc",
                      "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                      "-infile", str(directory / "broker.csr"))
    (directory / "broker.pem").write_bytes(signed)
    ca_pem = directory / "ca.pem"
    ca_pem.write_bytes(_keytool("-exportcert", "-alias", "ca", "-keystore", str(ca), "-storepass", pw, "-rfc"))
    _keytool("-importcert", "-noprompt", "-alias", "ca", "-file", str(ca_pem), "-keystore", str(broker),
             "-storepass", pw)
    _keytool("-importcert", "-alias", "broker", "-file", str(directory / "broker.pem"), "-keystore", str(broker),
             "-storepass", pw)
    return BrokerTls(directory, ca_pem, broker, pw)
