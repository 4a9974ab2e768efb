# Multi-stage build: Maven builds the jar, a JRE runs it.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -Dmaven.test.skip=true -pl app -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/flowdesk --create-home flowdesk \
    && apt-get update && apt-get install -y --no-install-recommends wget && rm -rf /var/lib/apt/lists/*
USER flowdesk
WORKDIR /var/lib/flowdesk
COPY --from=build /src/app/target/flowdesk-app.jar /opt/flowdesk/flowdesk-app.jar
ENV FLOWDESK_DATA_DIR=/var/lib/flowdesk/data
EXPOSE 8080 26500
ENTRYPOINT ["java", "-jar", "/opt/flowdesk/flowdesk-app.jar"]
