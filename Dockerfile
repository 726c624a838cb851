# One image for every bftvote component; the command picks which one runs:
#   docker run bftvote replica --id 0 ...   |   gateway   |   tally   |   genesis --out DIR
#
# Built from the jars of this checkout, so build them first (no Maven inside the image):
#   ./mvnw -DskipTests install && docker build -t bftvote:local .
FROM eclipse-temurin:17-jre

# A fixed, non-root uid so volume ownership is the same on every host and in Kubernetes
# (runAsUser/fsGroup 10001). The mount points exist in the image, owned by that user, because
# Docker gives a new named volume the owner of the directory it is first mounted on:
#   /data      a replica's key and ledger        /genesis   cluster.json, elections.json
#   /state     the tally's Kafka Streams state   /replicas/i  replica i's volume, as genesis sees it (n <= 10)
RUN groupadd --system --gid 10001 bftvote \
 && useradd --system --uid 10001 --gid bftvote --home-dir /app --no-create-home --shell /usr/sbin/nologin bftvote \
 && mkdir -p /app /data /genesis /state \
    /replicas/0 /replicas/1 /replicas/2 /replicas/3 /replicas/4 /replicas/5 /replicas/6 /replicas/7 /replicas/8 /replicas/9 \
 && chown -R bftvote:bftvote /data /genesis /state /replicas

# Dependencies change less often than our code: a separate layer keeps rebuilds small.
COPY cli/target/lib/ /app/lib/
COPY cli/target/bftvote-cli.jar /app/bftvote-cli.jar

USER 10001:10001
WORKDIR /data

# gateway, tally, replica i's admin port is 8100+i (DESIGN.md)
EXPOSE 8080 8090 8100

# The image has no curl, so the check is the CLI's own healthcheck command: a small, short-lived
# JVM (C1 only, serial GC, 64 MB) asking BFTVOTE_HEALTHCHECK_URL, which each service sets to its
# component's health endpoint (gateway /health by default).
HEALTHCHECK --interval=15s --timeout=10s --start-period=60s --retries=4 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp", "/app/bftvote-cli.jar:/app/lib/*", "io.bftvote.cli.Main", "healthcheck"]

# Use the container's memory limit, and crash rather than limp on OutOfMemoryError: a replica
# restarts from its ledger on disk. More JVM options: JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-cp", "/app/bftvote-cli.jar:/app/lib/*", "io.bftvote.cli.Main"]
CMD ["--help"]
