#!/usr/bin/env bash
# A real cluster on this machine, every part its own process, and the pipeline's results checked against the
# embedded run; then one TaskManager and one Kafka broker are killed and the results checked again.
#
#   deploy/cluster/run-cluster-check.sh            (from anywhere; about 5 minutes on 2 cores)
#
#   1. Kafka: 3 KRaft brokers (each broker + controller, one quorum), topics with 4 partitions, replication factor 3,
#      min.insync.replicas 2.
#   2. Reference: 30 minutes of simulated morning-peak traffic (fixed seed) through the embedded pipeline
#      (MiniCluster, bounded), itself checked against core's pure calculation.
#   3. Flink standalone session cluster from Maven artifacts: a JobManager (StandaloneSessionClusterEntrypoint) and
#      2 TaskManagers (TaskManagerRunner) with 2 slots each; the job jar submitted with `flink run` (CliFrontend),
#      parallelism 4.
#   4. Check 1: the first 15 minutes of the same traffic, as fast as possible; every window that has closed must be in
#      the cluster's segment-stats topic (read_committed) exactly once, equal to the reference.
#   5. Check 2: the last 15 minutes, paced at 40x; 8 s in, kill -9 one TaskManager and one broker, start a
#      replacement TaskManager (what Kubernetes or YARN does for a lost pod); every window of the 30 minutes again.
#   6. An upgrade: `roadstream savepoint --stop` stops the job with a savepoint; `flink run -s` starts it from there.
#
# Environment: ROADSTREAM_CLUSTER_KEEP=1 keeps the logs and data (in a temp dir) after a successful run; they are
# always kept after a failure, and the end of every log is printed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/deploy/cluster"
minutes=30          # simulated traffic, from 06:45 (the accident at 07:10 is in it)
first_minutes=15    # check 1 covers the traffic before this; check 2 the rest
paced_speed=40      # simulated seconds per second while the failures happen: 15 minutes in 22 s
kill_after_s=8      # into the paced part
# A partition silent this long stops holding back event time (pipeline.idlenessSeconds, 10 s by default). Idleness
# is measured in processing time: on a busy machine, or while a broker's partitions change leader, a partition whose
# events are merely slow to come could be declared idle and its events arrive late (an updated window, or a dead
# letter). For results that must equal a reference to the last bit it is 60 s here; the topic of incident reports,
# which nobody writes to in this check, holds the windows back for that long after each (re)start.
idleness_s=60
parallelism=4
prefix=cluster.

began=$SECONDS
work="$(mktemp -d "${TMPDIR:-/tmp}/roadstream-cluster.XXXXXX")"
mkdir -p "$work/logs" "$work/conf" "$work/pids"
ok=""

say() { printf '[%4ds] %s\n' "$((SECONDS - began))" "$*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

# ---- child processes: each one's pid in $work/pids/<name>, its output in $work/logs/<name>.log ------------------------
start_process() { # name command...
  local name=$1; shift
  "$@" >"$work/logs/$name.log" 2>&1 &
  echo $! >"$work/pids/$name"
}
pid_of() { cat "$work/pids/$1"; }
alive() { kill -0 "$(pid_of "$1")" 2>/dev/null; }
stop_all() {
  local f pid
  for f in "$work"/pids/*; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    kill -TERM "$pid" 2>/dev/null || true
  done
  for _ in $(seq 1 50); do # up to 10 s for a clean stop, then SIGKILL
    local any=""
    for f in "$work"/pids/*; do
      [ -e "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && any=1
    done
    [ -z "$any" ] && break
    sleep 0.2
  done
  for f in "$work"/pids/*; do
    [ -e "$f" ] && kill -KILL "$(cat "$f")" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
on_exit() {
  local rc=$?
  stop_all
  if [ -z "$ok" ]; then
    echo >&2
    echo "---- the end of every log (all of them: $work/logs) ----" >&2
    for log in "$work"/logs/*.log; do
      [ -e "$log" ] || continue
      echo "==== $(basename "$log") ====" >&2
      tail -n 40 "$log" >&2
    done
    echo "FAILED after $((SECONDS - began)) s; logs and data kept in $work" >&2
    [ "$rc" -eq 0 ] && rc=1
  elif [ "${ROADSTREAM_CLUSTER_KEEP:-}" = 1 ]; then
    echo "logs and data kept in $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# a port nothing listens on (the processes bind it a moment later), below the ephemeral range, from which the
# system picks the local ports of outgoing connections (any client on the machine could take one of those meanwhile)
used_ports=" "
ephemeral_low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
[ "$ephemeral_low" -gt 12000 ] 2>/dev/null || ephemeral_low=32768
free_port() { # variable: set to a port (not echoed: a command substitution's subshell would forget used_ports)
  local port
  for _ in $(seq 1 200); do
    port=$((10000 + RANDOM % (ephemeral_low - 10000)))
    case "$used_ports" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      used_ports="$used_ports$port "
      printf -v "$1" '%s' "$port"
      return
    fi
  done
  fail "no free port found"
}
await_port() { # port seconds what process
  local deadline=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    alive "$4" || fail "$3 exited before it listened on port $1 (log: $work/logs/$4.log)"
    [ "$SECONDS" -ge "$deadline" ] && fail "$3 did not listen on port $1 within $2 s"
    sleep 0.2
  done
}

# ---- build ----------------------------------------------------------------------------------------------------------
command -v java >/dev/null && command -v mvn >/dev/null || fail "needs Java 17+ and Maven"
say "building the job jar and the CLI (mvn package -pl roadstream-pipeline,roadstream-app -am) …"
(cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests package -pl roadstream-pipeline,roadstream-app -am) \
  >"$work/logs/build.log" 2>&1 || fail "the build failed (log: $work/logs/build.log)"
job_jar="$(ls "$root"/roadstream-pipeline/target/roadstream-pipeline-*-job.jar | head -n 1)"
for profile in flink kafka; do
  mvn -q -B -Dstyle.color=never -f "$here/pom.xml" -P "$profile" dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile="$work/$profile-classpath.txt" >>"$work/logs/build.log" 2>&1 \
    || fail "cannot resolve the $profile classpath (log: $work/logs/build.log)"
done
flink_cp="$(cat "$work/flink-classpath.txt")"
kafka_cp="$(cat "$work/kafka-classpath.txt")"
app_cp="$root/roadstream-app/target/classes:$(cat "$root/roadstream-app/target/runtime-classpath.txt")"
timings="build $((SECONDS - began)) s"
say "built: $(basename "$job_jar") ($(( $(stat -c %s "$job_jar") / 1024 / 1024 )) MB)"

# the Java half: traffic, reference, Flink REST waits, comparisons (io.roadstream.app.cluster.ClusterCheck)
check() { # subcommand options… ; output to the terminal and to logs/check.log
  local jit=""
  case "$1" in topics|await|report) jit="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" ;; esac # short and light
  # shellcheck disable=SC2086
  timeout 600 java -Xmx1g $jit -Dlogback.configurationFile="$work/conf/logback-check.xml" -cp "$app_cp" \
    io.roadstream.app.cluster.ClusterCheck "$@" 2>>"$work/logs/check.log" | tee -a "$work/logs/check.log"
}

logback() { # file level target: logs to System.out or System.err (which the process's log file receives)
  cat >"$1" <<EOF
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <target>$3</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <logger name="state.change.logger" level="WARN"/>
  <logger name="org.apache.flink.metrics.MetricGroup" level="ERROR"/>
  <root level="$2"><appender-ref ref="OUT"/></root>
</configuration>
EOF
}
logback "$work/conf/logback.xml" INFO System.out
logback "$work/conf/logback-check.xml" WARN System.err # the checker's stdout is its report

# ---- 1. Kafka: 3 KRaft brokers, each broker + controller ------------------------------------------------------------
declare -a kafka_port controller_port
voters=""
for i in 1 2 3; do
  free_port "kafka_port[$i]"
  free_port "controller_port[$i]"
  voters="${voters:+$voters,}$i@127.0.0.1:${controller_port[$i]}"
done
bootstrap="127.0.0.1:${kafka_port[1]},127.0.0.1:${kafka_port[2]},127.0.0.1:${kafka_port[3]}"
cluster_id="$(java -cp "$kafka_cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
say "starting 3 Kafka brokers (KRaft, cluster $cluster_id) …"
mark=$SECONDS
for i in 1 2 3; do
  cat >"$work/conf/kafka-$i.properties" <<EOF
process.roles=broker,controller
node.id=$i
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:${kafka_port[$i]},CONTROLLER://127.0.0.1:${controller_port[$i]}
advertised.listeners=PLAINTEXT://127.0.0.1:${kafka_port[$i]}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$work/kafka-$i
auto.create.topics.enable=false
num.partitions=4
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
group.initial.rebalance.delay.ms=0
# a killed broker is fenced, and its partitions get new leaders, within about 4 s (default 9 s)
broker.session.timeout.ms=4000
broker.heartbeat.interval.ms=1000
num.network.threads=2
num.io.threads=2
EOF
  java -cp "$kafka_cp" -Dlogback.configurationFile="$work/conf/logback.xml" kafka.tools.StorageTool format \
    -t "$cluster_id" -c "$work/conf/kafka-$i.properties" >>"$work/logs/kafka-format.log" 2>&1 \
    || fail "formatting broker $i's storage failed (log: $work/logs/kafka-format.log)"
done
for i in 1 2 3; do
  start_process "kafka-$i" java -Xms128m -Xmx384m -Dlogback.configurationFile="$work/conf/logback.xml" \
    -cp "$kafka_cp" kafka.Kafka "$work/conf/kafka-$i.properties"
done
for i in 1 2 3; do await_port "${kafka_port[$i]}" 90 "Kafka broker $i" "kafka-$i"; done
check topics --bootstrap "$bootstrap" --prefixes "reference.,$prefix" --replication 3 --partitions "$parallelism" \
  --brokers 3 || fail "the Kafka cluster did not come up"
say "Kafka up: $bootstrap"
timings="$timings · Kafka up $((SECONDS - mark)) s"
mark=$SECONDS

# ---- 2. the reference: the embedded pipeline over the same traffic --------------------------------------------------
say "reference: $minutes simulated minutes through the embedded pipeline …"
check reference --bootstrap "$bootstrap" --prefix reference. --minutes "$minutes" --out "$work/reference.jsonl" \
  || fail "the embedded reference run failed or disagreed with core's calculation"
timings="$timings · reference $((SECONDS - mark)) s"

# ---- 3. Flink standalone session cluster -----------------------------------------------------------------------------
free_port jm_rpc
free_port rest
flink_conf="$work/conf/flink"
mkdir -p "$flink_conf" "$work/flink-tmp" "$work/checkpoints"
cat >"$flink_conf/config.yaml" <<EOF
# Flink 2.x reads config.yaml (not flink-conf.yaml)
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $jm_rpc
jobmanager.bind-host: 127.0.0.1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $rest
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: 768m
taskmanager.memory.process.size: 1g
# the job keeps its state on the heap (hashmap state backend): little managed memory
taskmanager.memory.managed.fraction: 0.1
taskmanager.numberOfTaskSlots: 2
parallelism.default: $parallelism
state.backend.type: hashmap
execution.checkpointing.dir: file://$work/checkpoints
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: 20
restart-strategy.fixed-delay.delay: 2 s
# a lost TaskManager is noticed within 10 s even when no connection to it breaks
heartbeat.interval: 2000
heartbeat.timeout: 10000
io.tmp.dirs: $work/flink-tmp
env.java.opts.all: $(printf '%s ' --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED)
EOF
java_opens="$(sed -n 's/^env.java.opts.all: //p' "$flink_conf/config.yaml")"
# what flink-dist's jobmanager.sh / taskmanager.sh do: BashJavaUtils turns the memory settings into JVM flags and -D's
resource_params() { # GET_JM_RESOURCE_PARAMS | GET_TM_RESOURCE_PARAMS → two lines: JVM flags, dynamic properties
  java -cp "$flink_cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$flink_conf" 2>&1 \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}
mapfile -t jm_params < <(resource_params GET_JM_RESOURCE_PARAMS)
mapfile -t tm_params < <(resource_params GET_TM_RESOURCE_PARAMS)
[ "${#jm_params[@]}" -eq 2 ] && [ "${#tm_params[@]}" -eq 2 ] || fail "BashJavaUtils did not compute the memory settings"
start_jobmanager() {
  # shellcheck disable=SC2086 # the flags are words
  start_process jobmanager java ${jm_params[0]} $java_opens -Dlogback.configurationFile="$work/conf/logback.xml" \
    -cp "$flink_cp" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    --configDir "$flink_conf" ${jm_params[1]}
}
start_taskmanager() { # name
  # shellcheck disable=SC2086
  start_process "$1" java ${tm_params[0]} $java_opens -Dlogback.configurationFile="$work/conf/logback.xml" \
    -cp "$flink_cp" org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$flink_conf" ${tm_params[1]}
}
say "starting Flink: a JobManager and 2 TaskManagers (2 slots each) …"
mark=$SECONDS
start_jobmanager
start_taskmanager taskmanager-1
start_taskmanager taskmanager-2
await_port "$rest" 90 "the JobManager's REST endpoint" jobmanager
check await --rest "http://127.0.0.1:$rest" --slots 4 --timeout-s 90 || fail "the TaskManagers did not register"

say "submitting the job: flink run -d -p $parallelism $(basename "$job_jar") …"
FLINK_CONF_DIR="$flink_conf" timeout 180 java $java_opens -Dlogback.configurationFile="$work/conf/logback.xml" \
  -cp "$flink_cp" org.apache.flink.client.cli.CliFrontend run -d -p "$parallelism" "$job_jar" \
  --set kafka.bootstrap="$bootstrap" --set kafka.topicPrefix="$prefix" --set pipeline.parallelism="$parallelism" \
  --set pipeline.jobName=roadstream-cluster --set pipeline.idlenessSeconds="$idleness_s" >"$work/logs/flink-run.log" 2>&1 \
  || fail "flink run failed (log: $work/logs/flink-run.log)"
job_id="$(grep -o 'JobID [0-9a-f]\{32\}' "$work/logs/flink-run.log" | head -n 1 | cut -d' ' -f2)"
[ -n "$job_id" ] || fail "flink run printed no JobID (log: $work/logs/flink-run.log)"
check await --rest "http://127.0.0.1:$rest" --job "$job_id" --timeout-s 120 || fail "the job did not start"
timings="$timings · Flink up and job running $((SECONDS - mark)) s"
mark=$SECONDS

# ---- 4. check 1: the first part, as fast as possible ------------------------------------------------------------------
say "check 1: the first $first_minutes minutes of traffic, as fast as possible …"
check produce --bootstrap "$bootstrap" --prefix "$prefix" --from 0 --to "$first_minutes" \
  || fail "producing the first part failed"
# the last minute's windows stay open until later event time arrives: compare the windows that have closed
check verify --bootstrap "$bootstrap" --prefix "$prefix" --reference "$work/reference.jsonl" \
  --until "$((first_minutes - 1))" --timeout-s 240 --label "check 1 (healthy cluster)" \
  || fail "check 1: the cluster's windows differ from the reference"
timings="$timings · check 1 $((SECONDS - mark)) s"
mark=$SECONDS

# ---- 5. check 2: the rest, paced, killing a TaskManager and a broker on the way ---------------------------------------
say "check 2: the last $((minutes - first_minutes)) minutes at ${paced_speed}x; kill -9 taskmanager-2 and kafka-2 after ${kill_after_s} s …"
timeout 600 java -Xmx1g -Dlogback.configurationFile="$work/conf/logback-check.xml" -cp "$app_cp" \
  io.roadstream.app.cluster.ClusterCheck produce --bootstrap "$bootstrap" --prefix "$prefix" \
  --from "$first_minutes" --to "$minutes" --speed "$paced_speed" >"$work/logs/produce-2.log" 2>&1 &
producer=$!
echo "$producer" >"$work/pids/producer" # stopped with the others if the script ends before it does
sleep "$kill_after_s"
kill -0 "$producer" 2>/dev/null || { cat "$work/logs/produce-2.log"; fail "the producer ended before the kill"; }
kill -KILL "$(pid_of taskmanager-2)" "$(pid_of kafka-2)"
killed_at=$SECONDS
wait "$(pid_of taskmanager-2)" "$(pid_of kafka-2)" 2>/dev/null || true # reaped quietly
say "killed taskmanager-2 (pid $(pid_of taskmanager-2)) and kafka-2 (pid $(pid_of kafka-2)); starting taskmanager-3"
rm "$work/pids/taskmanager-2" "$work/pids/kafka-2"
start_taskmanager taskmanager-3
check await --rest "http://127.0.0.1:$rest" --job "$job_id" --restarted 1 --timeout-s 180 \
  || fail "the job did not recover"
say "the job recovered $((SECONDS - killed_at)) s after the kill"
timings="$timings · recovery $((SECONDS - killed_at)) s"
wait "$producer" || { cat "$work/logs/produce-2.log"; fail "producing the second part failed"; }
rm "$work/pids/producer"
sed 's/^/  /' "$work/logs/produce-2.log" | grep -v '^\s*$' | grep -v WARN || true
check verify --bootstrap "$bootstrap" --prefix "$prefix" --reference "$work/reference.jsonl" \
  --until "$((minutes - 1))" --timeout-s 300 --label "check 2 (after kill -9 of a TaskManager and a broker)" \
  || fail "check 2: the cluster's windows differ from the reference"
timings="$timings · check 2 $((SECONDS - mark)) s"
check report --rest "http://127.0.0.1:$rest" --job "$job_id" || true
mark=$SECONDS

# ---- 6. an upgrade: stop with a savepoint (roadstream savepoint), start the jar again from it (flink run -s) ---------
say "upgrade: roadstream savepoint --stop, then flink run -s …"
timeout 300 java -Xmx512m -Dlogback.configurationFile="$work/conf/logback-check.xml" -cp "$app_cp" \
  io.roadstream.app.Roadstream savepoint --flink "http://127.0.0.1:$rest" --job "$job_id" --stop \
  --dir "file://$work/savepoints" >"$work/logs/savepoint.log" 2>&1 \
  || { cat "$work/logs/savepoint.log"; fail "roadstream savepoint --stop failed"; }
sed 's/^/  /' "$work/logs/savepoint.log" | grep -v WARN || true
savepoint="$(sed -n 's/^savepoint \([^ ]*\) (.*/\1/p' "$work/logs/savepoint.log")"
[ -n "$savepoint" ] && [ -s "${savepoint#file:}/_metadata" ] || fail "no savepoint with _metadata at '$savepoint'"
FLINK_CONF_DIR="$flink_conf" timeout 180 java $java_opens -Dlogback.configurationFile="$work/conf/logback.xml" \
  -cp "$flink_cp" org.apache.flink.client.cli.CliFrontend run -d -s "$savepoint" -p "$parallelism" "$job_jar" \
  --set kafka.bootstrap="$bootstrap" --set kafka.topicPrefix="$prefix" --set pipeline.parallelism="$parallelism" \
  --set pipeline.jobName=roadstream-cluster --set pipeline.idlenessSeconds="$idleness_s" \
  >"$work/logs/flink-run-upgrade.log" 2>&1 || fail "flink run -s failed (log: $work/logs/flink-run-upgrade.log)"
upgraded_id="$(grep -o 'JobID [0-9a-f]\{32\}' "$work/logs/flink-run-upgrade.log" | head -n 1 | cut -d' ' -f2)"
[ -n "$upgraded_id" ] || fail "flink run -s printed no JobID (log: $work/logs/flink-run-upgrade.log)"
check await --rest "http://127.0.0.1:$rest" --job "$upgraded_id" --timeout-s 120 \
  || fail "the job did not start from its savepoint"
say "the job runs again from $savepoint (job $upgraded_id)"
timings="$timings · upgrade $((SECONDS - mark)) s"
echo "timings: $timings"

ok=1
say "PASSED in $((SECONDS - began)) s: the cluster's segment statistics equal the embedded run's, before and after the failures"
