#!/usr/bin/env bash
# Local single-node Apache Kafka broker (KRaft, broker+controller in one JVM)
# for Wirewatch tests and development, built from Maven Central jars.
#
#   kafka.sh fetch                          resolve the broker's jars into the cache
#   kafka.sh start   [--port N] [--dir D]   start in the background; prints 127.0.0.1:PORT last
#   kafka.sh stop    [--dir D]              SIGTERM, wait up to 30 s, then SIGKILL
#   kafka.sh restart [--dir D]              stop + start, same data dir and port
#   kafka.sh status  [--dir D]              exit 0 and print the address if running, 3 if not
#
# A second, secured listener for tests of TLS/SASL clients (the PLAINTEXT one stays for admin and the broker):
#   start --secure-listener SASL_SSL://127.0.0.1:N   protocol SSL | SASL_PLAINTEXT | SASL_SSL, on loopback
#         --properties FILE                          appended to server.properties (keystore, sasl.* settings)
#         --scram 'SCRAM-SHA-512=[name=alice,password=…]'  a SCRAM user added when the storage is formatted
#                                                    (repeatable; KRaft keeps SCRAM credentials in metadata)
#
# Environment:
#   WIREWATCH_KAFKA_CACHE    jar cache (default <repo>/.cache/kafka)
#   WIREWATCH_KAFKA_DIR      default data dir (default $WIREWATCH_KAFKA_CACHE/broker)
#   WIREWATCH_KAFKA_VERSION  Kafka version (default 4.1.2)
#   WIREWATCH_KAFKA_HEAP     JVM heap flags (default "-Xmx512m -Xms256m")
#   WIREWATCH_KAFKA_PARTITIONS  num.partitions for auto-created topics (default 4)
#   WIREWATCH_KAFKA_START_TIMEOUT  seconds to wait for readiness (default 60)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

KAFKA_VERSION=${WIREWATCH_KAFKA_VERSION:-4.1.2}
CACHE=${WIREWATCH_KAFKA_CACHE:-$REPO/.cache/kafka}
LIBS=$CACHE/$KAFKA_VERSION/libs
STAMP=$CACHE/$KAFKA_VERSION/complete.stamp
DEFAULT_DIR=${WIREWATCH_KAFKA_DIR:-$CACHE/broker}
HEAP=${WIREWATCH_KAFKA_HEAP:--Xmx512m -Xms256m}
PARTITIONS=${WIREWATCH_KAFKA_PARTITIONS:-4}
START_TIMEOUT=${WIREWATCH_KAFKA_START_TIMEOUT:-60}
STOP_TIMEOUT=30
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

log() { echo "kafka.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

# --- fetch -----------------------------------------------------------------

# The stamp records the version and the pom's checksum: a changed pom refetches.
stamp_text() {
    echo "kafka $KAFKA_VERSION pom $(sha256sum "$HERE/pom.xml" | cut -d' ' -f1)"
}

fetched() {
    [[ -f $STAMP && "$(cat "$STAMP")" == "$(stamp_text)" ]]
}

cmd_fetch() {
    if fetched; then
        log "jars for Kafka $KAFKA_VERSION already in $LIBS"
        return 0
    fi
    mkdir -p "$CACHE/$KAFKA_VERSION"
    # Serialise concurrent fetches (e.g. parallel test runs).
    exec 9>"$CACHE/$KAFKA_VERSION/fetch.lock"
    flock 9
    if fetched; then
        exec 9>&-
        return 0
    fi
    log "fetching Kafka $KAFKA_VERSION jars with Maven into $LIBS"
    local tmp="$LIBS.tmp.$$"
    rm -rf "$tmp"
    if ! mvn -q -B -f "$HERE/pom.xml" dependency:copy-dependencies \
            -Dkafka.version="$KAFKA_VERSION" \
            -DincludeScope=runtime -DoutputDirectory="$tmp" >&2 \
        || [[ ! -f $tmp/kafka_2.13-$KAFKA_VERSION.jar ]]; then
        rm -rf "$tmp"
        die "mvn dependency:copy-dependencies failed for Kafka $KAFKA_VERSION"
    fi
    rm -rf "$LIBS"
    mv "$tmp" "$LIBS"
    stamp_text >"$STAMP"
    exec 9>&-
    log "fetched $(ls "$LIBS" | wc -l) jars"
}

# --- helpers ---------------------------------------------------------------

parse_args() {
    DIR=""
    PORT=""
    SECURE=""
    PROPERTIES=""
    SCRAM=()
    while [[ $# -gt 0 ]]; do
        case $1 in
            --port) PORT=${2:?--port needs a value}; shift 2 ;;
            --dir)  DIR=${2:?--dir needs a value}; shift 2 ;;
            --secure-listener) SECURE=${2:?--secure-listener needs PROTOCOL://127.0.0.1:PORT}; shift 2 ;;
            --properties) PROPERTIES=${2:?--properties needs a file}; shift 2 ;;
            --scram) SCRAM+=(--add-scram "${2:?--scram needs MECHANISM=[name=…,password=…]}"); shift 2 ;;
            *) die "unknown argument: $1" ;;
        esac
    done
    DIR=$(realpath -m "${DIR:-$DEFAULT_DIR}")
    if [[ -n $PORT && ! $PORT =~ ^[0-9]+$ ]]; then die "bad port: $PORT"; fi
    if [[ -n $SECURE && ! $SECURE =~ ^(SSL|SASL_PLAINTEXT|SASL_SSL)://127\.0\.0\.1:[0-9]+$ ]]; then
        die "bad --secure-listener $SECURE (want SSL|SASL_PLAINTEXT|SASL_SSL://127.0.0.1:PORT)"
    fi
    if [[ -n $PROPERTIES && ! -r $PROPERTIES ]]; then die "--properties: cannot read $PROPERTIES"; fi
    return 0
}

# Pid of the broker running from $DIR, or nothing. Checks the process really is
# our broker, so a stale pid file (or a reused pid) is not mistaken for it.
running_pid() {
    local pid
    [[ -f $DIR/kafka.pid ]] || return 0
    pid=$(cat "$DIR/kafka.pid")
    if [[ -n $pid && -r /proc/$pid/cmdline ]] \
        && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "kafka.Kafka $DIR/server.properties"; then
        echo "$pid"
    fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Two distinct free ports on 127.0.0.1 (the OS picks them).
free_ports() {
    python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
' || die "python3 is needed to pick free ports (or pass --port)"
}

# Same as `kafka.tools.StorageTool random-uuid` (Kafka's Uuid: 16 random bytes,
# URL-safe base64 without padding, never starting with "-"), minus a JVM start.
new_cluster_id() {
    python3 -c '
import base64, os
while True:
    u = base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode()
    if not u.startswith("-"):
        print(u)
        break
'
}

write_config() {
    local listeners="PLAINTEXT://127.0.0.1:$PORT" protocols="PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
    if [[ -n $SECURE ]]; then
        listeners+=",$SECURE"
        protocols+=",${SECURE%%://*}:${SECURE%%://*}"
    fi
    cat >"$DIR/server.properties" <<PROPS
# Generated by deploy/kafka/kafka.sh on every start; edit the script, not this.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=$listeners,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=$listeners
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=$protocols
log.dirs=$DIR/data

# Single node: every internal topic has one replica.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=8
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=8
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# Test/dev friendliness.
auto.create.topics.enable=true
num.partitions=$PARTITIONS
group.initial.rebalance.delay.ms=0
delete.topic.enable=true
# Scrapers may send large articles; the worker dead-letters anything over its own limit, so the broker must
# accept (and the DLQ must hold) messages bigger than that limit.
message.max.bytes=16777216
replica.fetch.max.bytes=16777216

# Small machine (2 cores).
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
background.threads=4
PROPS
    if [[ -n $PROPERTIES ]]; then
        { echo; echo "# from $PROPERTIES"; cat "$PROPERTIES"; } >>"$DIR/server.properties"
    fi
}

# --- start / stop / status -------------------------------------------------

cmd_start() {
    parse_args "$@"
    local pid
    pid=$(running_pid)
    [[ -z $pid ]] || die "already running from $DIR (pid $pid)"
    cmd_fetch
    mkdir -p "$DIR"

    # Ports: --port wins; else those of an earlier run from this dir; else free ones.
    local CONTROLLER_PORT="" saved_port=""
    if [[ -f $DIR/ports.env ]]; then
        # shellcheck disable=SC1091
        saved_port=$(. "$DIR/ports.env"; echo "$PORT")
        CONTROLLER_PORT=$(. "$DIR/ports.env"; echo "$CONTROLLER_PORT")
    fi
    if [[ -z $CONTROLLER_PORT || ( -z $PORT && -z $saved_port ) ]]; then
        local picked p1 p2
        picked=$(free_ports)
        read -r p1 p2 <<<"$picked"
        [[ -n $CONTROLLER_PORT ]] || CONTROLLER_PORT=$p2
        if [[ -z $PORT && -z $saved_port ]]; then
            saved_port=$p1
            [[ $p1 != "$CONTROLLER_PORT" ]] || saved_port=$p2
        fi
    fi
    PORT=${PORT:-$saved_port}
    [[ $PORT != "$CONTROLLER_PORT" ]] || die "port $PORT is the controller port"
    port_in_use "$PORT" && die "port $PORT on 127.0.0.1 is already in use"
    port_in_use "$CONTROLLER_PORT" && die "controller port $CONTROLLER_PORT is already in use"
    printf 'PORT=%s\nCONTROLLER_PORT=%s\n' "$PORT" "$CONTROLLER_PORT" >"$DIR/ports.env"
    # a secured listener is remembered like the ports, so `restart` brings it back
    if [[ -n $SECURE ]]; then
        printf 'SECURE=%q\nPROPERTIES=%q\n' "$SECURE" "$(realpath -m "${PROPERTIES:-/dev/null}")" >"$DIR/secure.env"
    elif [[ -f $DIR/secure.env ]]; then
        SECURE=$(. "$DIR/secure.env"; echo "$SECURE")
        PROPERTIES=$(. "$DIR/secure.env"; echo "$PROPERTIES")
    fi
    if [[ -n $SECURE ]]; then
        port_in_use "${SECURE##*:}" && die "secure listener port ${SECURE##*:} is already in use"
    fi
    write_config

    local java_opts=(
        $HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError
        -Djava.awt.headless=true
        -Dlog4j2.configurationFile="$HERE/log4j2.xml"
        -cp "$LIBS/*"
    )

    [[ -f $DIR/server.log ]] && mv "$DIR/server.log" "$DIR/server.log.1"
    if [[ -f $DIR/data/meta.properties ]]; then
        log "re-using formatted storage in $DIR/data"
    else
        local cluster_id
        cluster_id=$(new_cluster_id)
        log "formatting $DIR/data (cluster id $cluster_id)"
        # C1-only JIT: this short-lived JVM starts faster with it.
        "$JAVA" -XX:TieredStopAtLevel=1 "${java_opts[@]}" kafka.tools.StorageTool format \
            -t "$cluster_id" -c "$DIR/server.properties" "${SCRAM[@]}" >>"$DIR/server.log" 2>&1 \
            || { tail -n 30 "$DIR/server.log" >&2; die "storage format failed"; }
    fi

    log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$PORT (controller $CONTROLLER_PORT), log $DIR/server.log"
    # setsid: own session, so the caller's Ctrl-C / process-group kill does not
    # reach the broker; the inner shell writes its pid, then becomes java.
    setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$DIR/kafka.pid" \
        "$JAVA" "${java_opts[@]}" kafka.Kafka "$DIR/server.properties" \
        >>"$DIR/server.log" 2>&1 </dev/null &

    local deadline=$((SECONDS + START_TIMEOUT))
    while :; do
        sleep 0.5
        pid=$(running_pid)
        if [[ -z $pid ]]; then
            tail -n 40 "$DIR/server.log" >&2
            die "broker exited during startup (log above: $DIR/server.log)"
        fi
        if port_in_use "$PORT" && grep -q "Kafka Server started" "$DIR/server.log"; then
            break
        fi
        if ((SECONDS >= deadline)); then
            tail -n 40 "$DIR/server.log" >&2
            log "not ready after ${START_TIMEOUT}s; stopping it"
            cmd_stop --dir "$DIR" || true
            die "broker did not become ready"
        fi
    done
    log "ready (pid $pid)"
    echo "127.0.0.1:$PORT"
}

cmd_stop() {
    parse_args "$@"
    local pid
    pid=$(running_pid)
    if [[ -z $pid ]]; then
        log "not running ($DIR)"
        rm -f "$DIR/kafka.pid"
        return 0
    fi
    log "stopping pid $pid (SIGTERM)"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            log "still alive after ${STOP_TIMEOUT}s; SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
            break
        fi
        sleep 0.2
    done
    rm -f "$DIR/kafka.pid"
    log "stopped"
}

cmd_restart() {
    parse_args "$@"
    [[ -z $PORT ]] || die "restart keeps the port; use stop + start --port to change it"
    cmd_stop --dir "$DIR"
    cmd_start --dir "$DIR"
}

cmd_status() {
    parse_args "$@"
    local pid
    pid=$(running_pid)
    if [[ -z $pid ]]; then
        echo "stopped"
        return 3
    fi
    local port
    port=$(. "$DIR/ports.env"; echo "$PORT")
    echo "running pid $pid 127.0.0.1:$port"
}

usage() {
    # The comment block at the top of this file.
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
    exit 2
}

main() {
    [[ $# -ge 1 ]] || usage
    local cmd=$1
    shift
    case $cmd in
        fetch)   [[ $# -eq 0 ]] || die "fetch takes no arguments"; cmd_fetch ;;
        start)   cmd_start "$@" ;;
        stop)    cmd_stop "$@" ;;
        restart) cmd_restart "$@" ;;
        status)  cmd_status "$@" ;;
        -h|--help|help) usage ;;
        *) log "unknown command: $cmd"; usage ;;
    esac
}

main "$@"
