#!/usr/bin/env bash
# Makes the upgrade test's fixture: the database of a released Flowdesk with work in flight, as a
# plain-SQL dump that UpgradeFromPreviousReleaseTest (app) loads into a fresh PostgreSQL and starts
# the current Flowdesk on. Run it once per release, from a checkout of that release:
#
#   git checkout <release commit> && ./mvnw -q -B -Dmaven.test.skip=true -pl app -am package
#   bench/upgrade/make-upgrade-fixture.sh <release commit> [jar]
#
# then commit app/src/test/resources/upgrade/previous-release.sql.gz and previous-release.properties
# on the new release's branch. The release's jar runs on a throwaway PostgreSQL of the machine
# (Debian's postgresql package: initdb, pg_ctl and a pg_dump of the same major version), with the
# demo people; in it: the upgrade-fixture process (bench/upgrade/upgrade-fixture.bpmn) waiting on a
# job, a timer and a user task, and an incident reported by alice whose process waits for an agent.
set -euo pipefail
cd "$(dirname "$0")/../.."
RELEASE=${1:?name the release commit the jar was built from}
JAR=$(realpath "${2:-app/target/flowdesk-app.jar}")
OUT=app/src/test/resources/upgrade
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PG_PORT=$(free_port)
HTTP_PORT=$(free_port)
ENGINE_USER=fixture
ENGINE_PASSWORD=fixture-engine-password
# The same key as the test's: secrets written by the release stay readable after the upgrade.
SECRETS_KEY=$(sed -n 's/^secrets-key=//p' "$OUT/previous-release.properties" 2>/dev/null || true)
SECRETS_KEY=${SECRETS_KEY:-$(head -c 32 /dev/urandom | base64)}

WORK=$(mktemp -d)
chmod 777 "$WORK"
# PostgreSQL refuses to run as root; the postgres user of Debian's package runs it then.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
APP_PID=
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  cp "$WORK/app.log" /tmp/upgrade-fixture-app.log 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U flowdesk --auth=trust >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
  -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U flowdesk flowdesk

FLOWDESK_DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/flowdesk FLOWDESK_DB_USER=flowdesk \
  FLOWDESK_DEMO_DATA=true FLOWDESK_HTTP_PORT=$HTTP_PORT FLOWDESK_ENGINE_GRPC_PORT=0 \
  FLOWDESK_MAIL_LOCAL_SERVER=false FLOWDESK_DATA_DIR="$WORK/data" FLOWDESK_SECRETS_KEY="$SECRETS_KEY" \
  FLOWDESK_ENGINE_USERNAME=$ENGINE_USER FLOWDESK_ENGINE_PASSWORD=$ENGINE_PASSWORD \
  java -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
BASE=http://127.0.0.1:$HTTP_PORT
for _ in $(seq 1 900); do
  curl -fs "$BASE/actuator/health/readiness" 2>/dev/null | grep -q '^{"status":"UP"' && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 1
done

curl -fsS -u "$ENGINE_USER:$ENGINE_PASSWORD" -F "resources=@bench/upgrade/upgrade-fixture.bpmn" \
  "$BASE/v2/deployments" >/dev/null
INSTANCE=$(curl -fsS -u "$ENGINE_USER:$ENGINE_PASSWORD" -H 'Content-Type: application/json' \
  -d '{"processDefinitionId":"upgrade-fixture"}' "$BASE/v2/process-instances" \
  | sed -n 's/.*"processInstanceKey":"\{0,1\}\([0-9]*\).*/\1/p')
INCIDENT=$(curl -fsS -u alice:demo-flowdesk-2025 -H 'Content-Type: application/json' \
  -d '{"shortDescription":"Printer on floor 3 jams","description":"Every second page since Monday.","impact":"low","urgency":"medium"}' \
  "$BASE/api/incidents" | sed -n 's/.*"number":"\([^"]*\)".*/\1/p')
# Let the engine reach the waiting states (job created, user tasks created) before the dump.
sleep 10

# --inserts: the test runs the dump through JDBC, which has no COPY FROM stdin; for the same reason
# the psql meta-commands \restrict / \unrestrict of newer pg_dumps are left out.
as_pg "$PG_BIN/pg_dump" -h 127.0.0.1 -p "$PG_PORT" -U flowdesk --no-owner --no-privileges \
  --inserts --rows-per-insert=100 flowdesk | sed '/^\\\(un\)\{0,1\}restrict /d' \
  | gzip -9 >"$OUT/previous-release.sql.gz"
cat >"$OUT/previous-release.properties" <<PROPS
# Made by bench/upgrade/make-upgrade-fixture.sh; see its header.
release=$RELEASE
postgresql=$("$PG_BIN/postgres" --version | awk '{print $3}')
process-instance=$INSTANCE
incident=$INCIDENT
secrets-key=$SECRETS_KEY
PROPS
echo "fixture of $RELEASE: instance $INSTANCE, incident $INCIDENT, $(du -h "$OUT/previous-release.sql.gz" | cut -f1)"
