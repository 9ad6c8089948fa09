"""How every Kafka client of Wirewatch reaches the cluster: bootstrap servers, TLS, SASL, replication, topic configs.

One ``Cluster`` (``cluster_of(kafka_settings(config), bootstrap)``) goes to every client, so none of them can be
left on PLAINTEXT by accident:

* kafka-python (publisher, admin, lag poller, silences, delivery history): ``kafka_python(cluster)``;
* aiokafka (the silences follower): ``aiokafka(cluster)`` (an ``ssl.SSLContext`` instead of file names);
* faust (worker consumer, producer, topic declarations): ``faust_credentials(cluster)`` → ``broker_credentials``.

Functions that take a ``Bootstrap`` accept a plain ``"host:port"`` string too (a PLAINTEXT cluster): tests and
tools on the local broker keep passing strings.

``authentication_errors()`` captures what kafka-python logs when the broker refuses the credentials (it then only
raises "unable to bootstrap"), so a command can say "authentication failed" in one line, and fail in seconds:
``BOOTSTRAP_TIMEOUT_MS`` bounds the wait for a first broker connection.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")
BOOTSTRAP_TIMEOUT_MS = 5_000  # a first connection (and its TLS/SASL handshake) within this, or a clear error


@dataclass(frozen=True)
class Cluster:
    bootstrap: str
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: str | None = None
    sasl_username: str | None = None
    sasl_password: str | None = field(default=None, repr=False)  # never in a repr, so never in a log line
    ssl_cafile: str | None = None
    ssl_certfile: str | None = None
    ssl_keyfile: str | None = None
    replication_factor: int = 1
    topic_configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @property
    def uses_ssl(self) -> bool:
        return self.security_protocol in ("SSL", "SASL_SSL")

    @property
    def uses_sasl(self) -> bool:
        return self.security_protocol in ("SASL_PLAINTEXT", "SASL_SSL")


Bootstrap = str | Cluster


def cluster_of(kafka: Any, bootstrap: str | None = None) -> Cluster:
    """The cluster of a ``KafkaSettings`` (``bootstrap`` overrides its ``bootstrap``, e.g. ``--bootstrap``)."""
    return Cluster(
        bootstrap=bootstrap or kafka.bootstrap,
        security_protocol=kafka.security_protocol,
        sasl_mechanism=kafka.sasl_mechanism,
        sasl_username=kafka.sasl_username,
        sasl_password=kafka.sasl_password,
        ssl_cafile=kafka.ssl_cafile,
        ssl_certfile=kafka.ssl_certfile,
        ssl_keyfile=kafka.ssl_keyfile,
        replication_factor=kafka.replication_factor,
        topic_configs=kafka.topic_configs,
    )


def as_cluster(bootstrap: Bootstrap) -> Cluster:
    return bootstrap if isinstance(bootstrap, Cluster) else Cluster(bootstrap=bootstrap)


def kafka_python(bootstrap: Bootstrap) -> dict[str, Any]:
    """Keyword arguments of KafkaProducer / KafkaConsumer / KafkaAdminClient for this cluster."""
    c = as_cluster(bootstrap)
    options: dict[str, Any] = {"bootstrap_servers": c.bootstrap, "security_protocol": c.security_protocol,
                               "bootstrap_timeout_ms": BOOTSTRAP_TIMEOUT_MS}
    if c.uses_sasl:
        options.update(sasl_mechanism=c.sasl_mechanism or "PLAIN", sasl_plain_username=c.sasl_username,
                       sasl_plain_password=c.sasl_password)
    if c.uses_ssl:
        options.update(ssl_cafile=c.ssl_cafile, ssl_certfile=c.ssl_certfile, ssl_keyfile=c.ssl_keyfile)
    return options


def ssl_context(bootstrap: Bootstrap) -> ssl.SSLContext | None:
    """A client TLS context (CA file, optional client certificate) when the cluster uses TLS, else None."""
    c = as_cluster(bootstrap)
    if not c.uses_ssl:
        return None
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=c.ssl_cafile)
    if c.ssl_certfile:
        context.load_cert_chain(c.ssl_certfile, c.ssl_keyfile)
    return context


def aiokafka(bootstrap: Bootstrap) -> dict[str, Any]:
    """Keyword arguments of AIOKafkaConsumer / AIOKafkaProducer for this cluster."""
    c = as_cluster(bootstrap)
    options: dict[str, Any] = {"bootstrap_servers": c.bootstrap, "security_protocol": c.security_protocol}
    if c.uses_sasl:
        options.update(sasl_mechanism=c.sasl_mechanism or "PLAIN", sasl_plain_username=c.sasl_username,
                       sasl_plain_password=c.sasl_password)
    if c.uses_ssl:
        options["ssl_context"] = ssl_context(c)
    return options


def faust_credentials(bootstrap: Bootstrap) -> Any:
    """faust's ``broker_credentials`` for this cluster (None on PLAINTEXT)."""
    import faust

    c = as_cluster(bootstrap)
    if c.uses_sasl:
        # faust derives SASL_SSL from the presence of an SSL context, SASL_PLAINTEXT from its absence
        return faust.SASLCredentials(username=c.sasl_username, password=c.sasl_password,
                                     ssl_context=ssl_context(c), mechanism=c.sasl_mechanism or "PLAIN")
    if c.uses_ssl:
        return faust.SSLCredentials(ssl_context(c))
    return None


def topic_config(bootstrap: Bootstrap, name: str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The configs a new topic ``name`` is created with: ``kafka.topic_configs[name]`` under Wirewatch's own
    (``base``: compaction of changelogs and silences, the ticks' retention — those keep the worker correct)."""
    own = dict(as_cluster(bootstrap).topic_configs.get(name, {}))
    return {**{k: str(v) for k, v in own.items()}, **(base or {})}


def secrets(bootstrap: Bootstrap) -> list[str]:
    """What a log line must never show."""
    c = as_cluster(bootstrap)
    return [c.sasl_password] if c.sasl_password else []


# --- authentication failures -------------------------------------------------------------------------------------


class AuthenticationFailed(Exception):
    """The broker refused the configured credentials (or TLS handshake)."""


class _Capture(logging.Handler):
    NEEDLES = ("authentication failed", "authenticationfailed", "sasl authentication", "certificate verify failed",
               "ssl: certificate", "sslerror")

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.reasons: list[str] = []
        self.disconnects = self.unreachable = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        text = record.getMessage().lower()
        if any(n in text for n in self.NEEDLES):
            self.reasons.append(text)
        elif "socket disconnected" in text:
            self.disconnects += 1
        elif "refused" in text or "unreachable" in text or ("timed out" in text and "request timed out" not in text):
            # a *request* that timed out was sent over an open connection (often the last try, cut short by the
            # bootstrap deadline): the broker was reachable, so it does not argue against a refusal
            self.unreachable += 1

    def refused(self, sasl: bool) -> bool:
        """The broker said no — or, on a SASL listener it was reachable at, closed every connection during the
        handshake: Kafka closes a connection that failed authentication, and kafka-python then often sees only
        the disconnect, not the broker's error response (seen on Kafka 4.1 with SCRAM over TLS)."""
        return bool(self.reasons) or (sasl and self.disconnects > 0 and self.unreachable == 0)


@contextmanager
def authentication_errors(bootstrap: Bootstrap) -> Iterator[None]:
    """Inside the block, a kafka-python error after the broker refused our credentials or certificate is raised
    as ``AuthenticationFailed`` with one line (no password in it). kafka-python's own log records of the block
    are held back and passed on at its end, unless they only told of that refusal."""
    from kafka.errors import KafkaError

    c = as_cluster(bootstrap)
    capture = _Capture()
    logger = logging.getLogger("kafka")
    logger.addHandler(capture)
    propagate, logger.propagate = logger.propagate, False
    refused = False
    try:
        yield
    except KafkaError as exc:
        if capture.refused(c.uses_sasl):
            refused = True
            what = "TLS handshake" if "certificate" in "".join(capture.reasons[-1:]) else "authentication"
            user = f" as {c.sasl_username!r}" if c.uses_sasl and what == "authentication" else ""
            raise AuthenticationFailed(
                f"Kafka {what} failed at {c.bootstrap} ({c.security_protocol}"
                f"{' ' + (c.sasl_mechanism or 'PLAIN') if c.uses_sasl else ''}){user}: check the kafka section's "
                f"credentials and certificates") from exc
        raise
    finally:
        logger.removeHandler(capture)
        logger.propagate = propagate
        if not refused:
            for record in capture.records:
                logger.handle(record)
