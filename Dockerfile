# Multi-stage build: Maven builds the jar, a Debian JRE with Debian's Chromium runs it.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -Dmaven.test.skip=true -pl app -am package

# Debian rather than the JDK image's Ubuntu: Ubuntu's chromium package is only a pointer to a snap,
# which does not run in a container. The RPA connector drives this Chromium through Playwright,
# which never downloads a browser of its own.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       openjdk-17-jre-headless ca-certificates wget chromium fonts-liberation \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/flowdesk --create-home flowdesk
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    FLOWDESK_CONNECTORS_RPA_CHROMIUM=/usr/bin/chromium \
    FLOWDESK_DATA_DIR=/var/lib/flowdesk/data
COPY --from=build /src/app/target/flowdesk-app.jar /opt/flowdesk/flowdesk-app.jar
USER flowdesk
WORKDIR /var/lib/flowdesk
EXPOSE 8080 26500
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
    CMD wget -qO- http://localhost:8080/actuator/health/readiness | grep -q UP || exit 1
ENTRYPOINT ["java", "-jar", "/opt/flowdesk/flowdesk-app.jar"]
