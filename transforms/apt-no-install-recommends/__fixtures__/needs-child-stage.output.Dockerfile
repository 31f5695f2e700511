FROM debian:bookworm-slim AS base
RUN apt-get update && apt-get install --no-install-recommends -y wget ca-certificates

FROM base AS fetch
RUN wget -O /opt/app.tgz https://example.com/app.tgz
