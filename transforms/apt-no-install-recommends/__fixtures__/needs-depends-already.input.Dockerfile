# default-jdk depends on ca-certificates (through ca-certificates-java)
FROM debian:bookworm
RUN apt-get update && apt-get install -y default-jdk curl && curl -fsSLO https://example.com/app.jar
