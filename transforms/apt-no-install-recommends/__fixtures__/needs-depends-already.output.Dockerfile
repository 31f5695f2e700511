# default-jdk depends on ca-certificates (through ca-certificates-java)
FROM debian:bookworm
RUN apt-get update && apt-get install --no-install-recommends -y default-jdk curl && curl -fsSLO https://example.com/app.jar
