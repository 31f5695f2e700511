FROM debian:bookworm-slim AS base
RUN apt-get update && apt-get install -y wget

FROM base AS fetch
RUN wget -O /opt/app.tgz https://example.com/app.tgz
